package org.peftrepro.methods.lily;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.OptionType;
import org.peftrepro.methods.spi.ProtocolDefaults;
import org.peftrepro.methods.spi.ProtocolDefaults.TaskDefaults;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.Initializers;
import org.peftrepro.models.sites.LinearSite;

/**
 * Lily (Zhong et al., "Low-Rank Interconnected Adaptation across Layers", arXiv 2407.09946), computed as HF
 * PEFT 0.21 computes it. For every target type (e.g. all {@code query} layers) and a targeted linear of layer l:
 *
 * <pre>
 *   z   = A_g(l) dropout(x)                      A: (r, in), one per block of `stride` consecutive layers
 *   p   = route(R_l z)                           R_l: (N_e, r), one router per layer
 *   y   = W x + b + s * z (sum_e p_e B_e)        B: (N_e r, out), one pool per target type, viewed as (N_e, r, out)
 * </pre>
 *
 * A and the routers start Kaiming-uniform, the B pool at zero, so the model starts as the backbone. Routing
 * {@code batch-mean} (PEFT and the official code) averages softmax(R_l z_t) over the batch and every token,
 * padding included, so a sample's output depends on its batch mates; {@code sequence} (the paper's figure)
 * gives every sequence its own mixture, softmax of the sum of R_l z_t over its non-padding tokens
 * ({@link LilyDelta}).
 *
 * <p>Parameters carry PEFT's in-memory names minus the adapter name: {@code <module>.lily_A.weight} at each
 * block's first layer, {@code <module>.lily_router.weight} at every layer, {@code <module>.lily_B.weight} at the
 * first layer of the type only. Nothing is mergeable into W: the mixture depends on the input.
 */
public final class Lily extends DeclaredMethod {
    public static final String NAME = "lily";
    public static final String ROUTING_BATCH_MEAN = "batch-mean";
    public static final String ROUTING_SEQUENCE = "sequence";
    /** The {@code stride} value meaning "layers / experts", the official GLUE code's choice. */
    public static final String STRIDE_AUTO = "auto";

    public Lily() {
        super(MethodDeclaration.builder(NAME)
                .displayName("Lily")
                .description("Lily: per-layer routers mix a pool of B experts shared by all layers over A's shared by"
                        + " blocks of layers")
                .row(110)
                .option(OptionSpec.positiveInteger("r", 32, "rank d of A and of every B expert"))
                .option(OptionSpec.positiveInteger("experts", 2,
                        "number N_e of B experts in each target type's pool (PEFT: num_B)"))
                .option(new OptionSpec("stride", OptionType.positiveIntegerOr(STRIDE_AUTO), STRIDE_AUTO,
                        "consecutive layers sharing one A (PEFT: stride_A); auto = layers / experts, as the official GLUE"
                                + " code; a last block may be shorter"))
                .option(OptionSpec.positiveNumber("scaling", 0.01,
                        "s, multiplies the update (GLUE: 0.01 for CoLA, QNLI, SST-2; 0.1 for MRPC, RTE, STS-B)"))
                .option(OptionSpec.targets("query,value"))
                .option(OptionSpec.choice("routing", ROUTING_BATCH_MEAN, "batch-mean: one mixture per batch (PEFT, official"
                        + " code); sequence: one per sequence over its tokens (paper)", ROUTING_BATCH_MEAN, ROUTING_SEQUENCE))
                .option(OptionSpec.probability("dropout", 0.0, "dropout on the input of A (PEFT applies none)"))
                .protocol(table1())
                .peftCodec(new LilyCodec())
                .build());
    }

    /** The Lily paper's GLUE settings: N_e and s per task, lr 5e-3 without weight decay, the head at 1e-2 on SST-2 and STS-B. */
    private static ProtocolDefaults table1() {
        ProtocolDefaults defaults = ProtocolDefaults.of("table1", "the Lily paper's GLUE settings (d=32, AdamW without"
                + " weight decay): per task N_e, s and the head's learning rate; MNLI and QQP, which it does not run, as QNLI")
                .withLr(0.005).withWeightDecay(0.0).withHeadLrScale(1.0);
        Map<String, TaskDefaults> tasks = new LinkedHashMap<>();
        tasks.put("cola", experts(4, "0.01"));
        tasks.put("mrpc", experts(2, "0.1"));
        tasks.put("qnli", experts(2, "0.01"));
        tasks.put("rte", experts(3, "0.1"));
        tasks.put("sst2", experts(2, "0.01").withHeadLrScale(2.0));
        tasks.put("stsb", experts(2, "0.1").withHeadLrScale(2.0));
        tasks.put("mnli", experts(2, "0.01"));
        tasks.put("qqp", experts(2, "0.01"));
        for (Map.Entry<String, TaskDefaults> task : tasks.entrySet()) {
            defaults = defaults.withTask(task.getKey(), task.getValue());
        }
        return defaults;
    }

    private static TaskDefaults experts(int experts, String scaling) {
        return TaskDefaults.options(Map.of("experts", Integer.toString(experts), "scaling", scaling));
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        LilySettings s = LilySettings.from(options);
        int stride = s.stride(model);
        LilyAdaptation adaptation = new LilyAdaptation(options);

        for (List<LinearSite> layersOfType : groupByTargetType(model, s.targets())) {
            LinearSite first = layersOfType.get(0);
            // One pool of N_e experts B_e: (r, out) each, stacked as PEFT stores them, "(e i) o".
            Parameter pool = adaptation.addOwn(first.moduleName() + ".lily_B.weight",
                    newWeight(first.moduleName() + ".lily_B.weight", new Shape((long) s.experts() * s.r(), first.outFeatures()),
                            Initializers.zeros()));
            Parameter a = null;
            for (int i = 0; i < layersOfType.size(); i++) {
                LinearSite site = layersOfType.get(i);
                String module = site.moduleName();
                // The first layer of each block of `stride` layers owns the block's A (PEFT: (i / stride_A) * stride_A).
                if (i % stride == 0) {
                    a = adaptation.addOwn(module + ".lily_A.weight", newWeight(module + ".lily_A.weight",
                            new Shape(s.r(), site.inFeatures()), Initializers.kaimingUniform(site.inFeatures())));
                }
                Parameter router = adaptation.addOwn(module + ".lily_router.weight", newWeight(module + ".lily_router.weight",
                        new Shape(s.experts(), s.r()), Initializers.kaimingUniform(s.r())));
                adaptation.savedAs(module, a, router, pool);

                LilyDelta delta = new LilyDelta(a, router, pool, s.experts(), s.r(), s.scaling(), s.dropout(), s.perSequence());
                site.addDelta(delta);
                adaptation.onDetach(() -> site.removeDelta(delta));
            }
        }
        return adaptation;
    }

    /**
     * The targeted linears grouped as PEFT groups them: by the target that names each (the last one in the
     * list, as PEFT's suffix loop leaves it) and by weight shape, each group in model order.
     */
    static List<List<LinearSite>> groupByTargetType(Backbone model, List<String> targets) {
        Map<LinearSite, String> targetOf = new LinkedHashMap<>();
        for (String target : targets) {
            for (LinearSite site : model.sites().linears(List.of(target))) {
                targetOf.put(site, target);
            }
        }
        Map<String, List<LinearSite>> groups = new LinkedHashMap<>();
        for (LinearSite site : model.sites().linears(targets)) {
            String key = targetOf.get(site) + " " + site.outFeatures() + "x" + site.inFeatures();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(site);
        }
        return List.copyOf(groups.values());
    }

    private static Parameter newWeight(String name, Shape shape, Initializer init) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).optInitializer(init).build();
    }
}
