package org.peftrepro.methods.lor2c;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peftrepro.methods.lowrank.LowRankUpdate;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LayerStack;
import org.peftrepro.models.sites.LinearDelta;
import org.peftrepro.models.sites.LinearSite;
import org.peftrepro.models.sites.ResidualPath;

/**
 * Where a LoR2C adaptation's modules sit on the backbone and what they are called: the residual modules on the layer
 * stack ({@code lor2c.<start>-<end>.A/B}, or one {@code lor2c.shared.A}), the LoRAs injected in place of modules
 * ({@code <module>.lora_A/B.weight}, PEFT's names), which of them train, and the saved layout read back from names.
 */
final class Lor2cLayout {
    static final String SHARED_A = "lor2c.shared.A";
    private static final Pattern SAVED_SPAN = Pattern.compile("lor2c\\.(\\d+)-(\\d+)\\.B");
    private static final String LORA_A = ".lora_A.weight";
    private static final String LORA_B = ".lora_B.weight";

    private final Backbone model;
    private final Lor2cSettings s;
    private final Parameter sharedA;
    private final List<Module> modules = new ArrayList<>();
    private final List<Injection> injected = new ArrayList<>();

    /** A low-rank residual connection over layers start..end. */
    static final class Module implements ResidualPath {
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

        boolean singleLayer() {
            return start == end;
        }

        String name() {
            return Lor2cLayout.name(start, end);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The LoRAs that replaced a module, on W_Q and W_V of its layer. */
    record Injection(int layer, List<LinearSite> sites, List<LinearDelta> deltas, List<LowRankUpdate> updates,
            boolean trained) {}

    /** An empty layout; with a shared A, the A every module will use. */
    Lor2cLayout(Backbone model, Lor2cSettings settings) {
        this.model = model;
        this.s = settings;
        this.sharedA = s.shareA() ? LowRankUpdate.newA(SHARED_A, s.r(), hiddenSize()) : null;
    }

    static String name(int start, int end) {
        return "lor2c." + start + "-" + end;
    }

    long hiddenSize() {
        return stack().hiddenSize();
    }

    int numLayers() {
        return stack().numLayers();
    }

    private LayerStack stack() {
        return model.sites().layerStack();
    }

    /** The modules by their first layer. */
    List<Module> modules() {
        return List.copyOf(modules);
    }

    /** A new trained module over start..end: A Kaiming-uniform (or the shared A), B zeros. Not yet on the stack. */
    Module freshModule(int start, int end) {
        Parameter a = sharedA != null ? sharedA : LowRankUpdate.newA(name(start, end) + ".A", s.r(), hiddenSize());
        Parameter b = LowRankUpdate.newB(name(start, end) + ".B", hiddenSize(), s.r());
        return new Module(start, end, new LowRankUpdate(a, b, s.alpha(), s.dropout()), true);
    }

    /** A module over start..end that starts from {@code from}'s A and B (a merge); not yet on the stack. */
    Module copiedModule(int start, int end, Module from, boolean trained) {
        String name = name(start, end);
        Parameter a = sharedA != null ? sharedA : LowRankUpdate.copyOf(name + ".A", from.update.a());
        Parameter b = LowRankUpdate.copyOf(name + ".B", from.update.b());
        return new Module(start, end, new LowRankUpdate(a, b, s.alpha(), s.dropout()), trained);
    }

    /** Puts a module on the layer stack. */
    void add(Module m) {
        modules.add(m);
        modules.sort(Comparator.comparingInt(Module::start));
        stack().addPath(m);
    }

    /** Takes a module off the layer stack and frees its own arrays (never the shared A). */
    void remove(Module m) {
        stack().removePath(m);
        modules.remove(m);
        if (m.update.a() != sharedA && m.update.a().isInitialized()) {
            m.update.a().close();
        }
        if (m.update.b().isInitialized()) {
            m.update.b().close();
        }
    }

    /**
     * LoRA of rank r/2 on W_Q and W_V of {@code layer}, added to those linears' outputs (parameters declared, not yet
     * created).
     */
    Injection inject(int layer, boolean trained) {
        List<LinearSite> sites = queryAndValue(layer);
        List<LinearDelta> deltas = new ArrayList<>();
        List<LowRankUpdate> updates = new ArrayList<>();
        for (LinearSite site : sites) {
            String prefix = site.moduleName();
            LowRankUpdate u = new LowRankUpdate(
                    LowRankUpdate.newA(prefix + LORA_A, s.injectedRank(), site.inFeatures()),
                    LowRankUpdate.newB(prefix + LORA_B, site.outFeatures(), s.injectedRank()),
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

    /** The parameters of one injection, as it replaces a module: r/2 (in + out) per targeted linear. */
    long injectionSize() {
        return queryAndValue(0).stream().mapToLong(site -> (long) s.injectedRank() * (site.inFeatures() + site.outFeatures()))
                .sum();
    }

    /**
     * Under their saved names: every parameter ({@code trainedOnly} false: what {@code state()} saves, merged and
     * injected modules left untrained included), or those that train.
     */
    NamedParameters parameters(boolean trainedOnly) {
        NamedParameters result = new NamedParameters();
        if (sharedA != null) {
            result.add(SHARED_A, sharedA);
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
                    result.add(site + LORA_A, inj.updates().get(i).a());
                    result.add(site + LORA_B, inj.updates().get(i).b());
                }
            }
        }
        return result;
    }

    /**
     * Replaces the layout by the one {@code savedNames} describe ({@code lor2c.<start>-<end>.B} per module,
     * {@code <module>.lora_A.weight} per injected LoRA), every part trained and created in {@code manager}, ready for
     * the saved values.
     */
    void rebuild(Set<String> savedNames, NDManager manager) {
        List<int[]> spans = new ArrayList<>();
        Set<Integer> injectedLayers = new TreeSet<>();
        for (String name : savedNames) {
            Matcher m = SAVED_SPAN.matcher(name);
            if (m.matches()) {
                spans.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            } else if (name.endsWith(LORA_A)) {
                String module = name.substring(0, name.length() - LORA_A.length());
                model.sites().linears().stream().filter(site -> site.moduleName().equals(module))
                        .forEach(site -> injectedLayers.add(site.layer()));
            }
        }
        detach();
        spans.sort(Comparator.comparingInt(span -> span[0]));
        for (int[] span : spans) {
            Module m = freshModule(span[0], span[1]);
            m.update.initialize(manager);
            add(m);
        }
        for (int layer : injectedLayers) {
            inject(layer, true).updates().forEach(u -> u.initialize(manager));
        }
    }

    /** Takes every module and injection off the backbone. */
    void detach() {
        for (Module m : List.copyOf(modules)) {
            stack().removePath(m);
        }
        modules.clear();
        for (Injection inj : injected) {
            for (int i = 0; i < inj.sites().size(); i++) {
                inj.sites().get(i).removeDelta(inj.deltas().get(i));
            }
        }
        injected.clear();
    }

    private List<LinearSite> queryAndValue(int layer) {
        return model.sites().linearsInLayer(layer).stream()
                .filter(site -> site.role().equals("query") || site.role().equals("value")).toList();
    }
}
