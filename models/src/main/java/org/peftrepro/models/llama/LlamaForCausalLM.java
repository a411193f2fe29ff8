package org.peftrepro.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import org.peftrepro.models.nn.AttentionHeads;
import org.peftrepro.models.nn.Embedding;
import org.peftrepro.models.nn.Losses;
import org.peftrepro.models.nn.HalfPrecision;
import org.peftrepro.models.nn.Linear;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.nn.RmsNorm;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LayerStack;
import org.peftrepro.models.sites.LinearSite;
import org.peftrepro.models.sites.Sites;
import org.peftrepro.models.sites.SubLayerOutput;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * HF {@code LlamaForCausalLM}, in the order HF computes it: token embeddings, pre-norm decoder layers
 * (RMSNorm, causal self-attention with rotary position embeddings and grouped-query key/value heads,
 * residual add; RMSNorm, SwiGLU MLP, residual add), a final RMSNorm and the LM head.
 *
 * <p>Batches of different lengths are padded, on the left for generation: the attention mask (in the
 * {@link ForwardContext}) keeps every token from attending to padding, and rotary positions count tokens only, as
 * HF computes them. For generation a {@link KvCache} keeps every layer's keys and values, so that each step runs
 * the new token alone ({@link #lastLogits(NDArray, int, KvCache, ForwardContext)}).
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
     * @param inputIds (batch, seq) int64; sequences of different lengths are padded (left or right) and their
     *     attention mask is in the context
     * @param labels (batch, seq) int64 or null; shifted inside as HF does; -100 is ignored
     */
    public Output forward(NDArray inputIds, NDArray labels, ForwardContext context) {
        NDArray last = decode(inputIds, context, null);
        NDArray logits = HalfPrecision.linear(last, lmHead.getArray(), null);
        return new Output(last, logits, labels == null ? null : shiftedCrossEntropy(logits, labels));
    }

    /**
     * The logits of the last {@code keep} positions only (HF's {@code logits_to_keep}): the LM head, the largest
     * matrix product of a small model, runs on those alone.
     *
     * @param inputIds (batch, seq) int64, padded as for {@link #forward}
     * @return (batch, keep, vocab)
     */
    public NDArray lastLogits(NDArray inputIds, int keep, ForwardContext context) {
        return lmHeadOnLast(decode(inputIds, context, null), keep);
    }

    /**
     * Runs new positions through the model on top of those in the cache: the prompts at once (prefill), then
     * one token per step. Each layer attends to the keys and values the cache holds and stores its own there.
     * Every method attached to a site acts on the new positions as on any others, so LoRA, LoR2C paths and
     * adapters give what a pass over the whole sequence gives. Lily's routing is the exception: it mixes its
     * experts by the router's output over the tokens of the pass (the batch's, or each sequence's), which in a
     * cached step are the new tokens alone, as in PEFT's cached generation.
     *
     * @param newIds (batch, n) int64: left-padded prompts, then the token each sequence drew
     * @param context its attention mask is that of the new positions, (batch, n), or null when none is padding
     * @return the logits of the last {@code keep} new positions, (batch, keep, vocab)
     */
    public NDArray lastLogits(NDArray newIds, int keep, KvCache cache, ForwardContext context) {
        return lmHeadOnLast(decode(newIds, context, cache), keep);
    }

    /** A cache for {@code batch} sequences of up to {@code capacity} positions, in a sub-manager of {@code manager}. */
    public KvCache newCache(NDManager manager, long batch, int capacity) {
        return new KvCache(manager, layers.size(), batch, config.numKeyValueHeads(), capacity, config.headDim());
    }

    /**
     * The decoder stack on new positions, after the final norm: (batch, n, hidden). Positions and masks follow HF:
     * a position counts the tokens before it (padding is not counted, and padding itself sits at position 1), and
     * a token attends to the tokens at or before it, never to padding.
     */
    private NDArray decode(NDArray inputIds, ForwardContext context, KvCache cache) {
        int n = Math.toIntExact(inputIds.getShape().get(1));
        NDManager manager = inputIds.getManager();
        NDArray newMask = context.attentionMask();
        int start = cache == null ? 0 : cache.begin(newMask, n);
        // Which positions [0, start + n) hold tokens: (batch, start + n), or null when all do.
        NDArray tokenMask = cache == null ? newMask : cache.tokenMask(manager);
        NDArray positions = positions(manager, tokenMask, start, n);
        NDArray bias = attentionBias(manager, tokenMask, start, n);
        Rotary rotary = Rotary.of(positions, config.headDim(), config.ropeTheta());

        NDArray h = embedTokens.forward(inputIds);
        List<NDArray> inputs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            inputs.add(h);
            h = layerStack.addPathsEndingAt(i, layers.get(i).forward(h, rotary, bias, context, cache), inputs, context);
        }
        return norm.forward(h);
    }

    private NDArray lmHeadOnLast(NDArray hidden, int keep) {
        long seq = hidden.getShape().get(1);
        if (keep < 1 || keep > seq) {
            throw new IllegalArgumentException("cannot keep the logits of " + keep + " of " + seq + " positions");
        }
        NDArray last = keep == seq ? hidden : hidden.get(":, " + (seq - keep) + ":, :");
        return HalfPrecision.linear(last, lmHead.getArray(), null);
    }

    /**
     * HF's position ids: {@code cumsum(mask) - 1}, padding set to 1, for positions [start, start + n): (batch, n);
     * without a mask simply start .. start + n - 1, (1, n).
     */
    private static NDArray positions(NDManager manager, NDArray tokenMask, int start, int n) {
        if (tokenMask == null) {
            return manager.arange(start, start + n, 1, DataType.INT64).reshape(1, n);
        }
        NDArray counted = tokenMask.cumSum(1).sub(1).get(":, " + start + ":");
        NDArray isToken = tokenMask.get(":, " + start + ":").eq(1);
        return NDArrays.where(isToken, counted, counted.onesLike());
    }

    /**
     * Added to the attention scores: 0 where query position q may attend to key position k (k <= q and k holds a
     * token), float32's lowest value elsewhere. (batch, 1, n, start + n), or (1, 1, n, start + n) without a mask.
     */
    private static NDArray attentionBias(NDManager manager, NDArray tokenMask, int start, int n) {
        int end = start + n;
        // Causal: query start + i sees keys 0 .. start + i.
        float[] causal = new float[n * end];
        for (int q = 0; q < n; q++) {
            for (int k = 0; k <= start + q; k++) {
                causal[q * end + k] = 1f;
            }
        }
        NDArray allowed = manager.create(causal, new Shape(1, 1, n, end));
        if (tokenMask != null) {
            long batch = tokenMask.getShape().get(0);
            allowed = allowed.mul(tokenMask.toType(DataType.FLOAT32, false).reshape(batch, 1, 1, end));
        }
        // (allowed - 1) * max: 0 where allowed, -max where not.
        return Scalars.mul(Scalars.add(allowed, -1), Float.MAX_VALUE);
    }

    /** Next-token cross-entropy: position t predicts label t + 1, as HF shifts them; -100 is not predicted. */
    private static NDArray shiftedCrossEntropy(NDArray logits, NDArray labels) {
        return Losses.crossEntropy(logits.get(":, :-1, :"), labels.get(":, 1:"));
    }

    /** Rotary position embedding tables, HF's {@code rotate_half} convention. */
    record Rotary(NDArray cos, NDArray sin) {
        /**
         * @param positions (batch, n) or (1, n) int64
         * @return tables of (batch, 1, n, headDim), broadcast over the heads
         */
        static Rotary of(NDArray positions, int headDim, double theta) {
            // inv_freq_i = 1 / theta^(2i / headDim), in float32 as HF computes it.
            float[] invFreq = new float[headDim / 2];
            for (int i = 0; i < invFreq.length; i++) {
                float exponent = (float) (2 * i) / headDim;
                invFreq[i] = 1f / (float) Math.pow((float) theta, exponent);
            }
            long[] s = positions.getShape().getShape();
            NDArray frequencies = positions.getManager().create(invFreq).reshape(1, 1, invFreq.length);
            NDArray angles = positions.toType(DataType.FLOAT32, false).reshape(s[0], s[1], 1).mul(frequencies);
            NDArray emb = angles.concat(angles, 2).reshape(s[0], 1, s[1], headDim);
            return new Rotary(emb.cos(), emb.sin());
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
        private final int index;
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
            this.index = index;
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

        /**
         * @param h (batch, n, hidden)
         * @param bias (batch or 1, 1, n, keys): 0 where attention is allowed, the lowest float elsewhere
         * @param cache null, or the cache this pass adds its keys and values to and reads all of them from
         */
        NDArray forward(NDArray h, Rotary rotary, NDArray bias, ForwardContext context, KvCache cache) {
            int heads = config.numAttentionHeads();
            int kvHeads = config.numKeyValueHeads();
            int headDim = config.headDim();
            // Attention: RMSNorm, q/k/v, RoPE on q and k, key/value heads repeated for their query groups.
            NDArray x = inputNorm.forward(h);
            NDArray q = rotary.apply(AttentionHeads.split(qProj.forward(x, context), heads, headDim));
            NDArray k = rotary.apply(AttentionHeads.split(kProj.forward(x, context), kvHeads, headDim));
            NDArray v = AttentionHeads.split(vProj.forward(x, context), kvHeads, headDim);
            if (cache != null) {
                // (batch, kvHeads, n, headDim) in, (batch, kvHeads, past + n, headDim) out.
                cache.store(index, k, v);
                k = cache.keys(index, h.getManager());
                v = cache.values(index, h.getManager());
            }
            k = repeatKv(k, heads / kvHeads);
            v = repeatKv(v, heads / kvHeads);
            NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headDim)).add(bias);
            NDArray attended = AttentionHeads.merge(scores.softmax(-1).matMul(v));
            NDArray h1 = h.add(attentionSite.apply(oProj.forward(attended, context), context));
            // MLP: RMSNorm, down(silu(gate(x)) * up(x)).
            NDArray y = postAttentionNorm.forward(h1);
            NDArray mlp = downProj.forward(Activation.swish(gateProj.forward(y, context), 1f).mul(upProj.forward(y, context)), context);
            return h1.add(ffnSite.apply(mlp, context));
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
