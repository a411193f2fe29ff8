package org.peftrepro.models.config;

import java.util.List;

/**
 * HF {@code LlamaConfig}: a decoder with RMSNorm, rotary position embeddings (RoPE), grouped-query
 * attention and a SwiGLU MLP.
 */
public record LlamaConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean mlpBias,
        double initializerRange,
        List<String> architectures)
        implements ModelConfig {

    @Override
    public String modelType() {
        return "llama";
    }

    static LlamaConfig parse(ConfigFields f) {
        int hidden = f.positiveInt("hidden_size");
        int heads = f.positiveInt("num_attention_heads");
        int kvHeads = f.has("num_key_value_heads") ? f.positiveInt("num_key_value_heads") : heads;
        if (heads % kvHeads != 0) {
            throw f.contradiction("num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        if (!f.has("head_dim") && hidden % heads != 0) {
            throw f.contradiction("hidden_size " + hidden + " is not divisible by num_attention_heads " + heads);
        }
        int headDim = f.has("head_dim") ? f.positiveInt("head_dim") : hidden / heads;
        if (headDim % 2 != 0) {
            throw f.error("head_dim", "must be even for rotary embeddings, found " + headDim);
        }
        String act = f.optionalString("hidden_act", "silu");
        if (!act.equals("silu")) {
            throw f.error("hidden_act", "is \"" + act + "\"; only SiLU (\"silu\") is built");
        }
        if (f.has("rope_scaling") && f.node("rope_scaling").isObject()) {
            String type = f.node("rope_scaling").path("rope_type").asText(f.node("rope_scaling").path("type").asText(""));
            if (!type.equals("default")) {
                throw f.error("rope_scaling", "of type \"" + type + "\" is not built; only plain RoPE");
            }
        }
        double theta = f.optionalDouble("rope_theta", 10000.0);
        if (f.node("rope_parameters") != null && f.node("rope_parameters").has("rope_theta")) {
            theta = f.node("rope_parameters").get("rope_theta").asDouble(); // transformers 5 layout
        }
        return new LlamaConfig(
                f.positiveInt("vocab_size"),
                hidden,
                f.positiveInt("intermediate_size"),
                f.positiveInt("num_hidden_layers"),
                heads,
                kvHeads,
                headDim,
                f.optionalDouble("rms_norm_eps", 1e-6),
                theta,
                f.optionalInt("max_position_embeddings", 2048),
                f.optionalBoolean("tie_word_embeddings", false),
                f.optionalBoolean("attention_bias", false),
                f.optionalBoolean("mlp_bias", false),
                f.optionalDouble("initializer_range", 0.02),
                Architectures.parse(f));
    }
}
