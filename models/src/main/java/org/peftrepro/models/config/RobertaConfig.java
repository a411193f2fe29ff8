package org.peftrepro.models.config;

import java.util.ArrayList;
import java.util.List;

/**
 * HF {@code RobertaConfig}: the fields a RoBERTa encoder and its sequence-classification head need.
 *
 * @param numLabels the head's output size; 1 means regression (STS-B), as in HF
 * @param classifierDropout null means "use hiddenDropoutProb", as in HF
 * @param architectures HF's {@code architectures}, e.g. RobertaForMaskedLM for a base checkpoint
 */
public record RobertaConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        String hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double layerNormEps,
        int padTokenId,
        double initializerRange,
        int numLabels,
        Double classifierDropout,
        List<String> id2label,
        List<String> architectures)
        implements ModelConfig {

    @Override
    public String modelType() {
        return "roberta";
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** The most tokens a sequence may have besides padding: RoBERTa numbers positions from pad_token_id + 1. */
    public int maxSequenceLength() {
        return maxPositionEmbeddings - padTokenId - 1;
    }

    public double effectiveClassifierDropout() {
        return classifierDropout != null ? classifierDropout : hiddenDropoutProb;
    }

    /** The same model with a head of another size (a GLUE task with another label count). */
    public RobertaConfig withNumLabels(int labels) {
        if (labels <= 0) {
            throw new ConfigException("num_labels must be positive, found " + labels);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labels; i++) {
            names.add("LABEL_" + i);
        }
        return new RobertaConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads,
                intermediateSize, hiddenAct, hiddenDropoutProb, attentionProbsDropoutProb,
                maxPositionEmbeddings, typeVocabSize, layerNormEps, padTokenId, initializerRange,
                labels, classifierDropout, names, architectures);
    }

    static RobertaConfig parse(ConfigFields f) {
        int hidden = f.positiveInt("hidden_size");
        int heads = f.positiveInt("num_attention_heads");
        if (hidden % heads != 0) {
            throw f.contradiction("hidden_size " + hidden + " is not divisible by num_attention_heads " + heads);
        }
        String act = f.optionalString("hidden_act", "gelu");
        if (!act.equals("gelu")) {
            throw f.error("hidden_act", "is \"" + act + "\"; only the exact GELU (\"gelu\") of RoBERTa is built");
        }
        int padId = f.optionalInt("pad_token_id", 1);
        int maxPositions = f.positiveInt("max_position_embeddings");
        if (maxPositions <= padId + 1) {
            throw f.contradiction("max_position_embeddings " + maxPositions
                    + " leaves no position after padding_idx " + padId + " (RoBERTa counts positions from pad_token_id + 1)");
        }
        String positionType = f.optionalString("position_embedding_type", "absolute");
        if (!positionType.equals("absolute")) {
            throw f.error("position_embedding_type", "is \"" + positionType + "\"; only \"absolute\" is built");
        }
        List<String> labels = LabelNames.parse(f);
        return new RobertaConfig(
                f.positiveInt("vocab_size"),
                hidden,
                f.positiveInt("num_hidden_layers"),
                heads,
                f.positiveInt("intermediate_size"),
                act,
                probability(f, "hidden_dropout_prob", 0.1),
                probability(f, "attention_probs_dropout_prob", 0.1),
                maxPositions,
                f.optionalInt("type_vocab_size", 1),
                f.optionalDouble("layer_norm_eps", 1e-5),
                padId,
                f.optionalDouble("initializer_range", 0.02),
                labels.size(),
                f.nullableDouble("classifier_dropout"),
                labels,
                Architectures.parse(f));
    }

    static double probability(ConfigFields f, String field, double fallback) {
        double p = f.optionalDouble(field, fallback);
        if (p < 0 || p >= 1) {
            throw f.error(field, "must be in [0, 1), found " + p);
        }
        return p;
    }
}
