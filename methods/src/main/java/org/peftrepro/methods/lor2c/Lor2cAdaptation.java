package org.peftrepro.methods.lor2c;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.peftrepro.methods.lowrank.LowRankUpdate;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LayerStack;
import org.peftrepro.models.sites.LinearDelta;
import org.peftrepro.models.sites.LinearSite;
import org.peftrepro.models.sites.ResidualPath;

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
 * their values but never train (the released code's defects, which produced the published numbers).
 */
final class Lor2cAdaptation implements Adaptation {
    private final MethodOptions options;
    private final Lor2cSettings s;
    private final Backbone model;
    private final LayerStack stack;
    private final long d;
    private final Parameter sharedA;
    private final List<Module> modules = new ArrayList<>();
    private final List<Injection> injected = new ArrayList<>();
    private int mergesDone;
    private int injectionsDone;
    private boolean initialized;

    /** A low-rank residual connection over layers start..end. */
    final class Module implements ResidualPath {
        final int start;
        final int end;
        final LowRankUpdate update;
        final boolean trained;

        Module(int start, int end, LowRankUpdate update, boolean trained) {
            this.start = start;
            this.end = end;
            this.update = update;
            this.trained = trained;
        }

        @Override
        public int start() {
            return start;
        }

        @Override
        public int end() {
            return end;
        }

        @Override
        public NDArray apply(NDArray startInput, ForwardContext context) {
            return update.apply(startInput, context);
        }

        String name() {
            return "lor2c." + start + "-" + end;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The LoRAs that replaced a module, on W_Q and W_V of its layer. */
    record Injection(int layer, List<LinearSite> sites, List<LinearDelta> deltas, List<LowRankUpdate> updates, boolean trained) {}

    Lor2cAdaptation(Backbone model, MethodOptions options, Lor2cSettings settings) {
        this.options = options;
        this.s = settings;
        this.model = model;
        this.stack = model.sites().layerStack();
        this.d = stack.hiddenSize();
        this.sharedA = s.shareA() ? LowRankUpdate.newA("lor2c.shared.A", s.r(), d) : null;
        for (int layer = 0; layer < stack.numLayers(); layer++) {
            Parameter a = s.shareA() ? sharedA : LowRankUpdate.newA(name(layer, layer) + ".A", s.r(), d);
            Parameter b = LowRankUpdate.newB(name(layer, layer) + ".B", d, s.r());
            add(new Module(layer, layer, new LowRankUpdate(a, b, s.alpha(), s.dropout()), true));
        }
    }

    private static String name(int start, int end) {
        return "lor2c." + start + "-" + end;
    }

    @Override
    public MethodOptions options() {
        return options;
    }

    List<Module> modules() {
        return List.copyOf(modules);
    }

    @Override
    public NamedParameters trainable() {
        return collect(true);
    }

    @Override
    public NamedParameters state() {
        return collect(false);
    }

    private NamedParameters collect(boolean trainedOnly) {
        NamedParameters result = new NamedParameters();
        if (sharedA != null) {
            result.add(sharedA.getName(), sharedA);
        }
        for (Module m : modules) {
            if (m.trained || !trainedOnly) {
                if (sharedA == null) {
                    result.add(m.name() + ".A", m.update.a());
                }
                result.add(m.name() + ".B", m.update.b());
            }
        }
        for (Injection inj : injected) {
            if (inj.trained() || !trainedOnly) {
                for (int i = 0; i < inj.sites().size(); i++) {
                    String site = inj.sites().get(i).moduleName();
                    result.add(site + ".lora_A.weight", inj.updates().get(i).a());
                    result.add(site + ".lora_B.weight", inj.updates().get(i).b());
                }
            }
        }
        return result;
    }

    @Override
    public void initialize(NDManager manager) {
        for (Module m : modules) {
            m.update.initialize(manager);
        }
        java.util.Collection<Parameter> trained = trainable().asMap().values();
        for (Parameter p : state().asMap().values()) {
            p.freeze(!trained.contains(p));
        }
        initialized = true;
    }

    // ---- events between epochs ---------------------------------------------------------------------

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
        double[] values = ShapeOfFeatureSpace.singularValues(a, b, s.r(), Math.toIntExact(d));
        return ShapeOfFeatureSpace.score(s.sfs(), s.k(), values, Math.toIntExact(d));
    }

    /** Merges the adjacent pair with the lowest combined score into one module over both spans. */
    String mergeOnce(NDManager manager) {
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
        String name = name(lower.start, upper.end);
        Parameter a = s.shareA() ? sharedA : LowRankUpdate.copyOf(name + ".A", lower.update.a());
        Parameter b = LowRankUpdate.copyOf(name + ".B", lower.update.b());
        Module merged = new Module(lower.start, upper.end, new LowRankUpdate(a, b, s.alpha(), s.dropout()), !s.officialCode());
        merged.update.initialize(manager);
        a.freeze(!merged.trained && !s.shareA());
        b.freeze(!merged.trained);
        remove(lower);
        remove(upper);
        add(merged);
        return String.format("merged %s (SFS %.4g) and %s (SFS %.4g) into %s, %s", lower.name(), lowerScore,
                upper.name(), upperScore, name, merged.trained ? "trained" : "frozen (official-code fidelity)");
    }

    /** Replaces one single-layer module by LoRA of rank r/2 on W_Q and W_V of its layer. */
    String injectOnce(NDManager manager) {
        Comparator<Module> byScore = Comparator.comparingDouble(this::score);
        List<Module> candidates = modules.stream().filter(m -> m.start == m.end).toList();
        if (candidates.isEmpty()) {
            return "injection skipped: no unmerged module left";
        }
        Module chosen = s.officialCode() ? candidates.stream().max(byScore).orElseThrow() : candidates.stream().min(byScore).orElseThrow();
        double chosenScore = score(chosen);
        Injection injection = injectLora(chosen.start, !s.officialCode());
        for (LowRankUpdate u : injection.updates()) {
            u.initialize(manager);
            u.a().freeze(!injection.trained());
            u.b().freeze(!injection.trained());
        }
        remove(chosen);
        return String.format("replaced %s (SFS %.4g) by LoRA r=%d on %s, %s", chosen.name(), chosenScore,
                s.injectedRank(), String.join(" and ", injection.sites().stream().map(LinearSite::moduleName).toList()),
                injection.trained() ? "trained" : "frozen (official-code fidelity)");
    }

    private Injection injectLora(int layer, boolean trained) {
        List<LinearSite> sites = model.sites().linearsInLayer(layer).stream()
                .filter(site -> site.role().equals("query") || site.role().equals("value")).toList();
        List<LinearDelta> deltas = new ArrayList<>();
        List<LowRankUpdate> updates = new ArrayList<>();
        for (LinearSite site : sites) {
            String prefix = site.moduleName();
            LowRankUpdate u = new LowRankUpdate(
                    LowRankUpdate.newA(prefix + ".lora_A.weight", s.injectedRank(), site.inFeatures()),
                    LowRankUpdate.newB(prefix + ".lora_B.weight", site.outFeatures(), s.injectedRank()),
                    s.injectAlpha(), s.injectDropout());
            LinearDelta delta = u::apply;
            site.addDelta(delta);
            deltas.add(delta);
            updates.add(u);
        }
        Injection injection = new Injection(layer, sites, deltas, updates, trained);
        injected.add(injection);
        return injection;
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
        long moduleSize = (s.shareA() ? 0 : (long) s.r() * d) + d * s.r();
        long loraSize = injectedLoraSize();
        long now = state().count();
        return now - (long) (merges + injections) * moduleSize + (long) injections * loraSize;
    }

    private long injectedLoraSize() {
        return model.sites().linearsInLayer(0).stream()
                .filter(site -> site.role().equals("query") || site.role().equals("value"))
                .mapToLong(site -> (long) s.injectedRank() * (site.inFeatures() + site.outFeatures())).sum();
    }

    /**
     * Rebuilds the module layout the saved names describe ({@code lor2c.<start>-<end>.B} per module,
     * {@code <module>.lora_A/B.weight} per injected LoRA), then copies the values in.
     */
    @Override
    public void load(java.util.Map<String, NDArray> saved) {
        if (!initialized) {
            throw new IllegalStateException("initialize the adaptation before loading saved values into it");
        }
        NDManager manager = sharedA != null ? sharedA.getArray().getManager() : modules.get(0).update.b().getArray().getManager();
        java.util.regex.Pattern span = java.util.regex.Pattern.compile("lor2c\\.(\\d+)-(\\d+)\\.B");
        List<int[]> spans = new ArrayList<>();
        java.util.Set<Integer> injectedLayers = new java.util.TreeSet<>();
        for (String name : saved.keySet()) {
            java.util.regex.Matcher m = span.matcher(name);
            if (m.matches()) {
                spans.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            } else if (name.endsWith(".lora_A.weight")) {
                String module = name.substring(0, name.length() - ".lora_A.weight".length());
                model.sites().linears().stream().filter(site -> site.moduleName().equals(module))
                        .forEach(site -> injectedLayers.add(site.layer()));
            }
        }
        detach();
        spans.sort(Comparator.comparingInt(a -> a[0]));
        for (int[] sp : spans) {
            Parameter a = s.shareA() ? sharedA : LowRankUpdate.newA(name(sp[0], sp[1]) + ".A", s.r(), d);
            Module m = new Module(sp[0], sp[1], new LowRankUpdate(a, LowRankUpdate.newB(name(sp[0], sp[1]) + ".B", d, s.r()),
                    s.alpha(), s.dropout()), true);
            m.update.initialize(manager);
            add(m);
        }
        for (int layer : injectedLayers) {
            injectLora(layer, true).updates().forEach(u -> u.initialize(manager));
        }
        org.peftrepro.methods.spi.StateValues.copyInto(state(), saved);
        for (Parameter p : state().asMap().values()) {
            p.freeze(false);
        }
    }

    @Override
    public void detach() {
        for (Module m : List.copyOf(modules)) {
            stack.removePath(m);
        }
        modules.clear();
        for (Injection inj : injected) {
            for (int i = 0; i < inj.sites().size(); i++) {
                inj.sites().get(i).removeDelta(inj.deltas().get(i));
            }
        }
        injected.clear();
    }

    private void add(Module m) {
        modules.add(m);
        modules.sort(Comparator.comparingInt(Module::start));
        stack.addPath(m);
    }

    /** Takes a module off the layer stack and frees its own arrays (never the shared A). */
    private void remove(Module m) {
        stack.removePath(m);
        modules.remove(m);
        if (m.update.a() != sharedA && m.update.a().isInitialized()) {
            m.update.a().close();
        }
        if (m.update.b().isInitialized()) {
            m.update.b().close();
        }
    }
}
