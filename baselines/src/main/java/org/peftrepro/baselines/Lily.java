package org.peftrepro.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.baselines.peft.PeftSavedParameters;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.nn.Initializers;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LinearDelta;
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
 * gives every sequence its own mixture, softmax of the sum of R_l z_t over its non-padding tokens.
 *
 * <p>Parameters carry PEFT's in-memory names minus the adapter name: {@code <module>.lily_A.weight} at each
 * block's first layer, {@code <module>.lily_router.weight} at every layer, {@code <module>.lily_B.weight} at the
 * first layer of the type only. Nothing is mergeable into W: the mixture depends on the input.
 */
public final class Lily implements PeftMethod {
    public static final String NAME = "lily";
    public static final String ROUTING_BATCH_MEAN = "batch-mean";
    public static final String ROUTING_SEQUENCE = "sequence";
    /** The {@code stride} value meaning "layers / experts", the official GLUE code's choice. */
    public static final String STRIDE_AUTO = "auto";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Lily: per-layer routers mix a pool of B experts shared by all layers over A's shared by blocks of layers";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("r", "32", "rank d of A and of every B expert"),
                new OptionSpec("experts", "2", "number N_e of B experts in each target type's pool (PEFT: num_B)"),
                new OptionSpec("stride", STRIDE_AUTO, "consecutive layers sharing one A (PEFT: stride_A); "
                        + "auto = layers / experts, as the official GLUE code; a last block may be shorter"),
                new OptionSpec("scaling", "0.01", "s, multiplies the update (GLUE: 0.01 for CoLA, QNLI, SST-2; 0.1 for MRPC, RTE, STS-B)"),
                new OptionSpec("targets", "query,value", "linear layers to adapt: module names (q_proj) or roles (query)"),
                new OptionSpec("routing", ROUTING_BATCH_MEAN, "batch-mean: one mixture per batch (PEFT, official code); "
                        + "sequence: one per sequence over its tokens (paper)"),
                new OptionSpec("dropout", "0.0", "dropout on the input of A (PEFT applies none)"));
    }

    /** The stride the options give on this model: a number, or {@code auto} = layers / experts (at least 1). */
    public static int stride(MethodOptions options, Backbone model) {
        if (options.string("stride").trim().equalsIgnoreCase(STRIDE_AUTO)) {
            int layers = model.sites().layerStack().numLayers();
            return Math.max(1, layers / options.positiveInt("experts"));
        }
        return options.positiveInt("stride");
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        int r = options.positiveInt("r");
        int experts = options.positiveInt("experts");
        int stride = stride(options, model);
        double scaling = options.positiveDouble("scaling");
        double dropout = options.probability("dropout");
        boolean perSequence = options.choice("routing", ROUTING_BATCH_MEAN, ROUTING_SEQUENCE).equals(ROUTING_SEQUENCE);
        LilyAdaptation adaptation = new LilyAdaptation(options);

        for (List<LinearSite> layersOfType : groupByTargetType(model, options.list("targets"))) {
            LinearSite first = layersOfType.get(0);
            // One pool of N_e experts B_e: (r, out) each, stacked as PEFT stores them, "(e i) o".
            Parameter pool = adaptation.addOwn(first.moduleName() + ".lily_B.weight",
                    newWeight(first.moduleName() + ".lily_B.weight", new Shape((long) experts * r, first.outFeatures()),
                            Initializers.zeros()));
            Parameter a = null;
            for (int i = 0; i < layersOfType.size(); i++) {
                LinearSite site = layersOfType.get(i);
                String module = site.moduleName();
                // The first layer of each block of `stride` layers owns the block's A (PEFT: (i / stride_A) * stride_A).
                if (i % stride == 0) {
                    a = adaptation.addOwn(module + ".lily_A.weight", newWeight(module + ".lily_A.weight",
                            new Shape(r, site.inFeatures()), Initializers.kaimingUniform(site.inFeatures())));
                }
                Parameter router = adaptation.addOwn(module + ".lily_router.weight", newWeight(module + ".lily_router.weight",
                        new Shape(experts, r), Initializers.kaimingUniform(r)));
                adaptation.savedAs(module, a, router, pool);

                LilyDelta delta = new LilyDelta(a, router, pool, experts, r, scaling, dropout, perSequence);
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

    /** What Lily adds to one targeted linear of layer l. */
    static final class LilyDelta implements LinearDelta {
        private final Parameter a;
        private final Parameter router;
        private final Parameter pool;
        private final int experts;
        private final int rank;
        private final float scaling;
        private final double dropout;
        private final boolean perSequence;

        LilyDelta(Parameter a, Parameter router, Parameter pool, int experts, int rank, double scaling, double dropout,
                boolean perSequence) {
            this.a = a;
            this.router = router;
            this.pool = pool;
            this.experts = experts;
            this.rank = rank;
            this.scaling = (float) scaling;
            this.dropout = dropout;
            this.perSequence = perSequence;
        }

        /** @param input (batch, seq, in), or (tokens, in) for batch-mean routing */
        @Override
        public NDArray apply(NDArray input, ForwardContext context) {
            NDArray x = context.dropout(input, dropout);
            // z = A x: every token's low-rank code, (..., r).
            NDArray z = linear(x, a.getArray());
            // The router's logits R_l z, (..., N_e).
            NDArray logits = linear(z, router.getArray());
            NDArray p = perSequence ? perSequenceMixture(logits, context.attentionMask()) : batchMeanMixture(logits);
            // Combined B = sum_e p_e B_e, (r, out) or one per sequence (batch, r, out).
            NDArray combinedB = mixExperts(p);
            return Scalars.mul(z.matMul(combinedB), scaling);
        }

        /** PEFT / official code: softmax per token, then the mean over the batch and every token: (N_e). */
        private NDArray batchMeanMixture(NDArray logits) {
            // One row per token of the batch, then the mean down the rows (the engine averages over one axis at a time).
            return logits.softmax(-1).reshape(-1, experts).mean(new int[] {0});
        }

        /** Paper: per sequence, softmax of the router logits summed over its non-padding tokens: (batch, N_e). */
        private static NDArray perSequenceMixture(NDArray logits, NDArray attentionMask) {
            if (logits.getShape().dimension() != 3) {
                throw new IllegalArgumentException("lily routing=sequence needs (batch, seq, features) inputs, got "
                        + logits.getShape().slice(0, logits.getShape().dimension() - 1) + " tokens");
            }
            NDArray summed = attentionMask == null
                    ? logits.sum(new int[] {1})
                    : logits.mul(attentionMask.toType(DataType.FLOAT32, false).expandDims(-1)).sum(new int[] {1});
            return summed.softmax(-1);
        }

        /**
         * sum_e p_e B_e as one product with the pool as PEFT stores it, (N_e r, out): the mixer
         * [p_1 I_r ... p_N I_r], (r, N_e r), picks row i of every expert and weights expert e by p_e. Built this
         * way every intermediate array lives with the batch's arrays, none with the parameter.
         *
         * @param p (N_e) or (batch, N_e)
         * @return (r, out) or (batch, r, out)
         */
        private NDArray mixExperts(NDArray p) {
            NDArray identity = p.getManager().eye(rank).reshape(rank, 1, rank);
            NDArray mixer;
            if (p.getShape().dimension() == 1) {
                mixer = p.reshape(1, experts, 1).mul(identity).reshape(rank, (long) experts * rank);
            } else {
                long batch = p.getShape().get(0);
                mixer = p.reshape(batch, 1, experts, 1).mul(identity).reshape(batch, rank, (long) experts * rank);
            }
            return mixer.matMul(pool.getArray());
        }

        /** x W^T, kept in x's manager (the batch's), as the backbone's linears do. */
        private static NDArray linear(NDArray x, NDArray weight) {
            return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
        }
    }

    /**
     * Lily's trainable set, plus the names PEFT saves: its state dict repeats a shared A and the shared B pool
     * under every layer that uses them.
     */
    static final class LilyAdaptation extends BasicAdaptation implements PeftSavedParameters {
        private final Map<String, Parameter> saved = new LinkedHashMap<>();

        LilyAdaptation(MethodOptions options) {
            super(options);
        }

        void savedAs(String module, Parameter a, Parameter router, Parameter pool) {
            saved.put(module + ".lily_A.weight", a);
            saved.put(module + ".lily_B.weight", pool);
            saved.put(module + ".lily_router.weight", router);
        }

        @Override
        public Map<String, Parameter> peftSavedParameters() {
            return Collections.unmodifiableMap(saved);
        }
    }
}
