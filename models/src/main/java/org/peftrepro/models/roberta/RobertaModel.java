package org.peftrepro.models.roberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.nn.AttentionHeads;
import org.peftrepro.models.nn.Embedding;
import org.peftrepro.models.nn.LayerNorm;
import org.peftrepro.models.nn.Linear;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LayerStack;
import org.peftrepro.models.sites.LinearSite;
import org.peftrepro.models.sites.Sites;
import org.peftrepro.models.sites.SubLayerOutput;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * The RoBERTa encoder (HF {@code RobertaModel}), in the order HF computes it: embeddings (word +
 * position + token type, LayerNorm, dropout), then post-LN layers (self-attention with an additive
 * padding mask, output projection, residual + LayerNorm, exact-GELU FFN, residual + LayerNorm).
 * Parameters carry HF's names under the {@code roberta.} prefix.
 */
public final class RobertaModel {
    static final String PREFIX = "roberta.";

    private final RobertaConfig config;
    private final Embedding wordEmbeddings;
    private final Embedding positionEmbeddings;
    private final Embedding tokenTypeEmbeddings;
    private final LayerNorm embeddingNorm;
    private final List<Layer> layers = new ArrayList<>();
    private final Linear pooler;
    private final LayerStack layerStack;
    private final Sites sites;

    /** Hidden states after the embeddings and after every layer, as HF's {@code output_hidden_states}. */
    public record Output(NDArray lastHiddenState, List<NDArray> hiddenStates) {}

    public RobertaModel(RobertaConfig config, NamedParameters registry, boolean withPooler) {
        this.config = config;
        long d = config.hiddenSize();
        String e = PREFIX + "embeddings.";
        wordEmbeddings = new Embedding(registry, e + "word_embeddings", config.vocabSize(), d);
        positionEmbeddings = new Embedding(registry, e + "position_embeddings", config.maxPositionEmbeddings(), d);
        tokenTypeEmbeddings = new Embedding(registry, e + "token_type_embeddings", config.typeVocabSize(), d);
        embeddingNorm = new LayerNorm(registry, e + "LayerNorm", d, config.layerNormEps());
        List<LinearSite> linears = new ArrayList<>();
        List<SubLayerSite> subLayers = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            Layer layer = new Layer(config, registry, i);
            layers.add(layer);
            linears.addAll(List.of(layer.query, layer.key, layer.value, layer.attentionOutput, layer.intermediate, layer.output));
            subLayers.addAll(List.of(layer.attentionSite, layer.ffnSite));
        }
        pooler = withPooler ? new Linear(registry, PREFIX + "pooler.dense", -1, "pooler", d, d, true) : null;
        layerStack = new LayerStack(config.numHiddenLayers(), d);
        sites = new Sites(List.copyOf(linears), List.copyOf(subLayers), layerStack);
    }

    public RobertaConfig config() {
        return config;
    }

    public Sites sites() {
        return sites;
    }

    public Embedding wordEmbeddings() {
        return wordEmbeddings;
    }

    /**
     * @param inputIds (batch, seq) int64
     * @param attentionMask (batch, seq), 1 for tokens, 0 for padding
     * @param tokenTypeIds (batch, seq) or null for all zeros
     */
    public Output forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, ForwardContext context) {
        NDArray h = embed(inputIds, tokenTypeIds, context);
        NDArray additiveMask = additiveMask(attentionMask);
        List<NDArray> hidden = new ArrayList<>(layers.size() + 1);
        hidden.add(h);
        for (int i = 0; i < layers.size(); i++) {
            // hidden[s] is the input of layer s: a path over layers s..i reads it.
            h = layerStack.addPathsEndingAt(i, layers.get(i).forward(h, additiveMask, context), hidden, context);
            hidden.add(h);
        }
        return new Output(h, hidden);
    }

    /** HF's pooler: tanh(dense(first token)). Only RobertaModel checkpoints have one. */
    public NDArray pool(NDArray lastHiddenState, ForwardContext context) {
        if (pooler == null) {
            throw new IllegalStateException("this RoBERTa was built without a pooler");
        }
        return pooler.forward(firstToken(lastHiddenState), context).tanh();
    }

    static NDArray firstToken(NDArray hidden) {
        return hidden.get(":, 0, :");
    }

    private NDArray embed(NDArray inputIds, NDArray tokenTypeIds, ForwardContext context) {
        NDArray types = tokenTypeIds != null ? tokenTypeIds : inputIds.zerosLike();
        NDArray h = wordEmbeddings.forward(inputIds)
                .add(tokenTypeEmbeddings.forward(types))
                .add(positionEmbeddings.forward(positionIds(inputIds, config.padTokenId())));
        return context.dropout(embeddingNorm.forward(h), config.hiddenDropoutProb());
    }

    /**
     * RoBERTa's position ids: counted from padding_idx + 1 over non-padding tokens, padding_idx at
     * padding ({@code create_position_ids_from_input_ids}).
     */
    static NDArray positionIds(NDArray inputIds, int paddingIdx) {
        NDArray notPad = inputIds.neq(paddingIdx).toType(DataType.INT64, false);
        return notPad.cumSum(1).mul(notPad).add(paddingIdx);
    }

    /** (batch, seq) 1/0 mask to the (batch, 1, 1, seq) additive mask: 0 for tokens, float32 min for padding. */
    static NDArray additiveMask(NDArray attentionMask) {
        long[] s = attentionMask.getShape().getShape();
        NDArray m = attentionMask.toType(DataType.FLOAT32, false).reshape(s[0], 1, 1, s[1]);
        return m.neg().add(1f).mul(-Float.MAX_VALUE);
    }

    /** One post-LN Transformer layer: {@code roberta.encoder.layer.<i>}. */
    static final class Layer {
        private final RobertaConfig config;
        final Linear query;
        final Linear key;
        final Linear value;
        final Linear attentionOutput;
        final LayerNorm attentionNorm;
        final Linear intermediate;
        final Linear output;
        final LayerNorm outputNorm;
        final SubLayerOutput attentionSite;
        final SubLayerOutput ffnSite;

        Layer(RobertaConfig config, NamedParameters registry, int index) {
            this.config = config;
            long d = config.hiddenSize();
            long f = config.intermediateSize();
            String p = PREFIX + "encoder.layer." + index + ".";
            query = new Linear(registry, p + "attention.self.query", index, "query", d, d, true);
            key = new Linear(registry, p + "attention.self.key", index, "key", d, d, true);
            value = new Linear(registry, p + "attention.self.value", index, "value", d, d, true);
            attentionOutput = new Linear(registry, p + "attention.output.dense", index, "attention.output", d, d, true);
            attentionNorm = new LayerNorm(registry, p + "attention.output.LayerNorm", d, config.layerNormEps());
            intermediate = new Linear(registry, p + "intermediate.dense", index, "ffn.up", d, f, true);
            output = new Linear(registry, p + "output.dense", index, "ffn.down", f, d, true);
            outputNorm = new LayerNorm(registry, p + "output.LayerNorm", d, config.layerNormEps());
            attentionSite = new SubLayerOutput(p + "attention.output", index, SubLayerSite.Kind.ATTENTION, d);
            ffnSite = new SubLayerOutput(p + "output", index, SubLayerSite.Kind.FFN, d);
        }

        NDArray forward(NDArray h, NDArray additiveMask, ForwardContext context) {
            int heads = config.numAttentionHeads();
            int headDim = config.headDim();
            // Self-attention: softmax(q k^T / sqrt(d_head) + mask) v, per head; q, k, v: (batch, heads, seq, d_head).
            NDArray q = AttentionHeads.split(query.forward(h, context), heads, headDim);
            NDArray k = AttentionHeads.split(key.forward(h, context), heads, headDim);
            NDArray v = AttentionHeads.split(value.forward(h, context), heads, headDim);
            NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headDim)).add(additiveMask);
            NDArray probs = context.dropout(scores.softmax(-1), config.attentionProbsDropoutProb());
            NDArray attended = AttentionHeads.merge(probs.matMul(v)); // (batch, seq, hidden)
            // Attention output: dense, dropout, [adapters], residual add, LayerNorm.
            NDArray a = context.dropout(attentionOutput.forward(attended, context), config.hiddenDropoutProb());
            NDArray h1 = attentionNorm.forward(attentionSite.apply(a, context).add(h));
            // Feed-forward: dense, exact GELU, dense, dropout, [adapters], residual add, LayerNorm.
            NDArray f = Activation.gelu(intermediate.forward(h1, context));
            NDArray o = context.dropout(output.forward(f, context), config.hiddenDropoutProb());
            return outputNorm.forward(ffnSite.apply(o, context).add(h1));
        }
    }
}
