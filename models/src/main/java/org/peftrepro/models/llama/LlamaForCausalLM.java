package org.peftrepro.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.nn.Embedding;
import org.peftrepro.models.nn.HalfPrecision;
import org.peftrepro.models.nn.Linear;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.nn.RmsNorm;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LayerStack;
import org.peftrepro.models.sites.LinearSite;
import org.peftrepro.models.sites.ResidualPath;
import org.peftrepro.models.sites.Sites;
import org.peftrepro.models.sites.SubLayerOutput;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * HF {@code LlamaForCausalLM}, in the order HF computes it: token embeddings, pre-norm decoder layers
 * (RMSNorm, causal self-attention with rotary position embeddings and grouped-query key/value heads,
 * residual add; RMSNorm, SwiGLU MLP, residual add), a final RMSNorm and the LM head.
 */
public final class LlamaForCausalLM implements Backbone {
    private static final String PREFIX = "model.";

    private final LlamaConfig config;
    private final NamedParameters parameters = new NamedParameters();
    private final Embedding embedTokens;
    private final List<Layer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Parameter lmHead;
    private final LayerStack layerStack;
    private final Sites sites;

    /**
     * @param lastHiddenState after the final norm, (batch, seq, hidden)
     * @param logits (batch, seq, vocab)
     * @param loss next-token cross-entropy, or null without labels
     */
    public record Output(NDArray lastHiddenState, NDArray logits, NDArray loss) {}

    public LlamaForCausalLM(LlamaConfig config) {
        this.config = config;
        long d = config.hiddenSize();
        embedTokens = new Embedding(parameters, PREFIX + "embed_tokens", config.vocabSize(), d);
        List<LinearSite> linears = new ArrayList<>();
        List<SubLayerSite> subLayers = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            Layer layer = new Layer(config, parameters, i);
            layers.add(layer);
            linears.addAll(List.of(layer.qProj, layer.kProj, layer.vProj, layer.oProj, layer.gateProj, layer.upProj, layer.downProj));
            subLayers.addAll(List.of(layer.attentionSite, layer.ffnSite));
        }
        norm = new RmsNorm(parameters, PREFIX + "norm", d, config.rmsNormEps());
        // Tied: one tensor under both names, as HF ties them, counted once.
        lmHead = config.tieWordEmbeddings()
                ? parameters.add("lm_head.weight", embedTokens.weight())
                : parameters.add("lm_head.weight", Parameter.Type.WEIGHT, new Shape(config.vocabSize(), d));
        layerStack = new LayerStack(config.numHiddenLayers(), d);
        sites = new Sites(List.copyOf(linears), List.copyOf(subLayers), layerStack);
    }

    @Override
    public LlamaConfig config() {
        return config;
    }

    @Override
    public NamedParameters parameters() {
        return parameters;
    }

    /** The LM head is part of the pretrained model, not a task head: nothing is trained by default. */
    @Override
    public Set<String> headParameterNames() {
        return Set.of();
    }

    @Override
    public Sites sites() {
        return sites;
    }

    /**
     * @param inputIds (batch, seq) int64, unpadded (a causal LM batch of equal lengths)
     * @param labels (batch, seq) int64 or null; shifted inside as HF does; -100 is ignored
     */
    public Output forward(NDArray inputIds, NDArray labels, ForwardContext context) {
        long seq = inputIds.getShape().get(1);
        NDArray h = embedTokens.forward(inputIds);
        Rotary rotary = Rotary.of(inputIds.getManager(), seq, config.headDim(), config.ropeTheta());
        NDArray causalMask = causalMask(inputIds.getManager(), seq);
        List<NDArray> inputs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            inputs.add(h);
            h = layers.get(i).forward(h, rotary, causalMask, context);
            for (ResidualPath path : layerStack.endingAt(i)) {
                h = h.add(path.apply(inputs.get(path.start()), context));
            }
        }
        NDArray last = norm.forward(h);
        NDArray logits = HalfPrecision.linear(last, lmHead.getArray(), null);
        return new Output(last, logits, labels == null ? null : shiftedCrossEntropy(logits, labels));
    }

    /** Greedy decoding (no sampling), recomputing the whole prefix at each step. */
    public NDArray generateGreedy(NDArray promptIds, int newTokens) {
        NDArray ids = promptIds;
        for (int t = 0; t < newTokens; t++) {
            NDArray logits = forward(ids, null, ForwardContext.inference(null)).logits();
            long seq = logits.getShape().get(1);
            NDArray next = logits.get(":, " + (seq - 1) + ", :").argMax(-1).toType(DataType.INT64, false).reshape(-1, 1);
            ids = ids.concat(next, 1);
        }
        return ids;
    }

    private static NDArray causalMask(NDManager manager, long seq) {
        // 0 on and below the diagonal, float32 min above: position t attends to positions <= t.
        int n = Math.toIntExact(seq);
        float[] mask = new float[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = row + 1; col < n; col++) {
                mask[row * n + col] = -Float.MAX_VALUE;
            }
        }
        return manager.create(mask, new Shape(1, 1, seq, seq));
    }

    private static NDArray shiftedCrossEntropy(NDArray logits, NDArray labels) {
        long[] s = logits.getShape().getShape();
        NDArray predicted = logits.get(":, :-1, :").reshape(-1, s[2]).logSoftmax(-1);
        NDArray target = labels.get(":, 1:").toType(DataType.INT64, false).reshape(-1);
        NDArray valid = target.neq(-100);
        NDArray safeTarget = target.mul(valid.toType(DataType.INT64, false));
        NDArray nll = predicted.gather(safeTarget.reshape(-1, 1), 1).reshape(-1).neg();
        NDArray validF = valid.toType(DataType.FLOAT32, false);
        return nll.mul(validF).sum().div(validF.sum());
    }

    /** Rotary position embedding tables, HF's {@code rotate_half} convention. */
    record Rotary(NDArray cos, NDArray sin) {
        static Rotary of(NDManager manager, long seq, int headDim, double theta) {
            float[] invFreq = new float[headDim / 2];
            for (int i = 0; i < invFreq.length; i++) {
                invFreq[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / headDim));
            }
            NDArray positions = manager.arange(0f, (float) seq).reshape(seq, 1);
            NDArray freqs = positions.matMul(manager.create(invFreq).reshape(1, invFreq.length));
            NDArray emb = freqs.concat(freqs, 1); // (seq, headDim)
            return new Rotary(emb.cos().reshape(1, 1, seq, headDim), emb.sin().reshape(1, 1, seq, headDim));
        }

        /** x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1]. */
        NDArray apply(NDArray x) {
            long half = x.getShape().get(3) / 2;
            NDArray x1 = x.get(":, :, :, :" + half);
            NDArray x2 = x.get(":, :, :, " + half + ":");
            NDArray rotated = x2.neg().concat(x1, 3);
            return x.mul(cos).add(rotated.mul(sin));
        }
    }

    /** One pre-norm decoder layer: {@code model.layers.<i>}. */
    static final class Layer {
        private final LlamaConfig config;
        final RmsNorm inputNorm;
        final Linear qProj;
        final Linear kProj;
        final Linear vProj;
        final Linear oProj;
        final RmsNorm postAttentionNorm;
        final Linear gateProj;
        final Linear upProj;
        final Linear downProj;
        final SubLayerOutput attentionSite;
        final SubLayerOutput ffnSite;

        Layer(LlamaConfig config, NamedParameters registry, int index) {
            this.config = config;
            long d = config.hiddenSize();
            long qOut = (long) config.numAttentionHeads() * config.headDim();
            long kvOut = (long) config.numKeyValueHeads() * config.headDim();
            boolean ab = config.attentionBias();
            boolean mb = config.mlpBias();
            String p = PREFIX + "layers." + index + ".";
            inputNorm = new RmsNorm(registry, p + "input_layernorm", d, config.rmsNormEps());
            qProj = new Linear(registry, p + "self_attn.q_proj", index, "query", d, qOut, ab);
            kProj = new Linear(registry, p + "self_attn.k_proj", index, "key", d, kvOut, ab);
            vProj = new Linear(registry, p + "self_attn.v_proj", index, "value", d, kvOut, ab);
            oProj = new Linear(registry, p + "self_attn.o_proj", index, "attention.output", qOut, d, ab);
            postAttentionNorm = new RmsNorm(registry, p + "post_attention_layernorm", d, config.rmsNormEps());
            gateProj = new Linear(registry, p + "mlp.gate_proj", index, "ffn.gate", d, config.intermediateSize(), mb);
            upProj = new Linear(registry, p + "mlp.up_proj", index, "ffn.up", d, config.intermediateSize(), mb);
            downProj = new Linear(registry, p + "mlp.down_proj", index, "ffn.down", config.intermediateSize(), d, mb);
            attentionSite = new SubLayerOutput(p + "self_attn", index, SubLayerSite.Kind.ATTENTION, d);
            ffnSite = new SubLayerOutput(p + "mlp", index, SubLayerSite.Kind.FFN, d);
        }

        NDArray forward(NDArray h, Rotary rotary, NDArray causalMask, ForwardContext context) {
            long[] s = h.getShape().getShape();
            long batch = s[0];
            long seq = s[1];
            int heads = config.numAttentionHeads();
            int kvHeads = config.numKeyValueHeads();
            int headDim = config.headDim();
            // Attention: RMSNorm, q/k/v, RoPE on q and k, key/value heads repeated for their query groups.
            NDArray x = inputNorm.forward(h);
            NDArray q = rotary.apply(splitHeads(qProj.forward(x, context), batch, seq, heads, headDim));
            NDArray k = rotary.apply(splitHeads(kProj.forward(x, context), batch, seq, kvHeads, headDim));
            NDArray v = splitHeads(vProj.forward(x, context), batch, seq, kvHeads, headDim);
            k = repeatKv(k, heads / kvHeads);
            v = repeatKv(v, heads / kvHeads);
            NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headDim)).add(causalMask);
            NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, seq, (long) heads * headDim);
            NDArray h1 = h.add(attentionSite.apply(oProj.forward(attended, context), context));
            // MLP: RMSNorm, down(silu(gate(x)) * up(x)).
            NDArray y = postAttentionNorm.forward(h1);
            NDArray mlp = downProj.forward(Activation.swish(gateProj.forward(y, context), 1f).mul(upProj.forward(y, context)), context);
            return h1.add(ffnSite.apply(mlp, context));
        }

        private static NDArray splitHeads(NDArray x, long batch, long seq, int heads, int headDim) {
            return x.reshape(batch, seq, heads, headDim).transpose(0, 2, 1, 3);
        }

        /** (b, kv, t, d) -> (b, kv * groups, t, d), each kv head repeated for its group of query heads. */
        private static NDArray repeatKv(NDArray x, int groups) {
            if (groups == 1) {
                return x;
            }
            long[] s = x.getShape().getShape();
            return x.reshape(s[0], s[1], 1, s[2], s[3]).repeat(2, groups).reshape(s[0], s[1] * groups, s[2], s[3]);
        }
    }
}
