package org.peftrepro.methods.lor2c;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.peftrepro.methods.lowrank.LowRankUpdate;
import org.peftrepro.methods.lor2c.Lor2cLayout.Injection;
import org.peftrepro.methods.lor2c.Lor2cLayout.Module;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.StateValues;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.LinearSite;

/**
 * LoR2C and its variants, in the order the paper presents them.
 *
 * <ol>
 *   <li>LoR2C: one low-rank residual connection per layer, {@code h_{l+1} = F_l(h_l) + (alpha/r) B A dropout(h_l)},
 *       A: (r, d) Kaiming-uniform, B: (d, r) zeros, added after the layer's output (RoBERTa: after its final
 *       LayerNorm). 2 d r parameters per module.</li>
 *   <li>ShareLoR2C: one A shared by every module, each keeping its own B: r d + L d r.</li>
 *   <li>SFS: each module's score from the singular values of B A ({@link ShapeOfFeatureSpace}).</li>
 *   <li>MergeLoR2C: the adjacent pair with the lowest combined score becomes one module spanning both,
 *       {@code h_{e2+1} = F_{e2}(...F_{s1}(h_{s1})) + (alpha/r) B A dropout(h_{s1})}, starting from the lower
 *       module's A and B; saves 2 d r per merge.</li>
 *   <li>InjectLoR2C: an unmerged module is removed and LoRA of rank r/2 trains on W_Q and W_V of its layer
 *       instead (same count). The paper removes the LOWEST score; the official code the LARGEST.</li>
 *   <li>IMLoR2C: both; merges first when both fire at one epoch end.</li>
 * </ol>
 * Events follow {@link EventSchedule}. In {@code official-code} fidelity, merged and injected modules keep
 * their values but never train (the released code's defects, which produced the published numbers). Where the
 * modules sit, their names and what is saved is {@link Lor2cLayout}'s.
 */
final class Lor2cAdaptation implements Adaptation {
    private final MethodOptions options;
    private final Lor2cSettings s;
    private final Lor2cLayout layout;
    private int mergesDone;
    private int injectionsDone;
    private boolean initialized;

    /** LoR2C (ShareLoR2C with a shared A): one module per layer, span (l, l). */
    Lor2cAdaptation(Backbone model, MethodOptions options, Lor2cSettings settings) {
        this.options = options;
        this.s = settings;
        this.layout = new Lor2cLayout(model, settings);
        for (int layer = 0; layer < layout.numLayers(); layer++) {
            layout.add(layout.freshModule(layer, layer));
        }
    }

    @Override
    public MethodOptions options() {
        return options;
    }

    List<Module> modules() {
        return layout.modules();
    }

    @Override
    public NamedParameters trainable() {
        return layout.parameters(true);
    }

    @Override
    public NamedParameters state() {
        return layout.parameters(false);
    }

    @Override
    public void initialize(NDManager manager) {
        for (Module m : layout.modules()) {
            m.update.initialize(manager);
        }
        Collection<Parameter> trained = trainable().asMap().values();
        for (Parameter p : state().asMap().values()) {
            p.freeze(!trained.contains(p));
        }
        initialized = true;
    }

    // ---- events between epochs ---------------------------------------------------------------------

    /** IMLoR2C's schedule: a merge first, then an injection, each when its own schedule fires. */
    @Override
    public List<String> onEpochEnd(int epoch, int totalEpochs, NDManager manager) {
        if (!initialized) {
            throw new IllegalStateException("initialize the adaptation before training it");
        }
        List<String> log = new ArrayList<>();
        if (EventSchedule.of(s.merges(), totalEpochs).firesAfter(epoch, mergesDone)) {
            log.add(mergeOnce(manager));
            mergesDone++;
        }
        if (EventSchedule.of(s.injections(), totalEpochs).firesAfter(epoch, injectionsDone)) {
            log.add(injectOnce(manager));
            injectionsDone++;
        }
        return log;
    }

    /** SFS of one module from the singular values of B A (alpha/r left out, as the official code does). */
    double score(Module m) {
        float[] a = m.update.a().getArray().toFloatArray();
        float[] b = m.update.b().getArray().toFloatArray();
        int d = Math.toIntExact(layout.hiddenSize());
        double[] values = ShapeOfFeatureSpace.singularValues(a, b, s.r(), d);
        return ShapeOfFeatureSpace.score(s.sfs(), s.k(), values, d);
    }

    /** Merges the adjacent pair with the lowest combined score into one module over both spans. */
    String mergeOnce(NDManager manager) {
        List<Module> modules = layout.modules();
        Module lower = null;
        Module upper = null;
        double best = Double.POSITIVE_INFINITY;
        double lowerScore = 0;
        double upperScore = 0;
        for (int i = 0; i + 1 < modules.size(); i++) {
            Module m1 = modules.get(i);
            Module m2 = modules.get(i + 1);
            if (m1.end + 1 != m2.start) {
                continue;
            }
            double s1 = score(m1);
            double s2 = score(m2);
            if (s1 + s2 < best) {
                best = s1 + s2;
                lower = m1;
                upper = m2;
                lowerScore = s1;
                upperScore = s2;
            }
        }
        if (lower == null) {
            return "merge skipped: no two adjacent modules left";
        }
        Module merged = layout.copiedModule(lower.start, upper.end, lower, !s.officialCode());
        merged.update.initialize(manager);
        merged.update.a().freeze(!merged.trained && !s.shareA());
        merged.update.b().freeze(!merged.trained);
        layout.remove(lower);
        layout.remove(upper);
        layout.add(merged);
        return String.format("merged %s (SFS %.4g) and %s (SFS %.4g) into %s, %s", lower.name(), lowerScore,
                upper.name(), upperScore, merged.name(), merged.trained ? "trained" : "frozen (official-code fidelity)");
    }

    /**
     * Replaces one single-layer module by LoRA of rank r/2 on W_Q and W_V of its layer: the paper's lowest score, the
     * official code's largest.
     */
    String injectOnce(NDManager manager) {
        Comparator<Module> byScore = Comparator.comparingDouble(this::score);
        List<Module> candidates = layout.modules().stream().filter(Module::singleLayer).toList();
        if (candidates.isEmpty()) {
            return "injection skipped: no unmerged module left";
        }
        Module chosen = s.officialCode() ? candidates.stream().max(byScore).orElseThrow() : candidates.stream().min(byScore).orElseThrow();
        double chosenScore = score(chosen);
        Injection injection = layout.inject(chosen.start, !s.officialCode());
        for (LowRankUpdate u : injection.updates()) {
            u.initialize(manager);
            u.a().freeze(!injection.trained());
            u.b().freeze(!injection.trained());
        }
        layout.remove(chosen);
        return String.format("replaced %s (SFS %.4g) by LoRA r=%d on %s, %s", chosen.name(), chosenScore,
                s.injectedRank(), String.join(" and ", injection.sites().stream().map(LinearSite::moduleName).toList()),
                injection.trained() ? "trained" : "frozen (official-code fidelity)");
    }

    /**
     * The method's parameter count after a run of {@code totalEpochs}: every scheduled event happens (the
     * schedule, not the scores, decides how many), each merge removing one module, each injection swapping a
     * module for LoRAs of the same size. In paper fidelity all of it trains.
     */
    @Override
    public long trainableAtEnd(int totalEpochs) {
        int merges = EventSchedule.of(s.merges(), totalEpochs).eventsWithin(totalEpochs) - mergesDone;
        int injections = EventSchedule.of(s.injections(), totalEpochs).eventsWithin(totalEpochs) - injectionsDone;
        long d = layout.hiddenSize();
        long moduleSize = (s.shareA() ? 0 : (long) s.r() * d) + d * s.r();
        long now = state().count();
        return now - (long) (merges + injections) * moduleSize + (long) injections * layout.injectionSize();
    }

    /** Rebuilds the layout the saved names describe (merged spans, injected LoRAs), then copies the values in. */
    @Override
    public void load(Map<String, NDArray> saved) {
        if (!initialized) {
            throw new IllegalStateException("initialize the adaptation before loading saved values into it");
        }
        NDManager manager = state().asMap().values().iterator().next().getArray().getManager();
        layout.rebuild(saved.keySet(), manager);
        StateValues.copyInto(state(), saved);
        for (Parameter p : state().asMap().values()) {
            p.freeze(false);
        }
    }

    @Override
    public void detach() {
        layout.detach();
    }
}
