package org.peftrepro.models;

import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;

/** Builds the model a config describes, with no weights allocated yet. */
public final class Models {
    private Models() {}

    /** The model the suite fine-tunes on this config: a sequence classifier (RoBERTa) or a causal LM (LLaMA). */
    public static Backbone build(ModelConfig config) {
        if (config instanceof RobertaConfig roberta) {
            return new RobertaForSequenceClassification(roberta);
        }
        return new LlamaForCausalLM((LlamaConfig) config);
    }

    /** A sequence classifier with {@code numLabels} outputs (1: regression). */
    public static SequenceClassifier sequenceClassifier(ModelConfig config, int numLabels) {
        if (config instanceof RobertaConfig roberta) {
            return new RobertaForSequenceClassification(roberta.withNumLabels(numLabels));
        }
        throw new IllegalArgumentException("sequence classification is built for RoBERTa checkpoints; this one is "
                + config.modelType());
    }
}
