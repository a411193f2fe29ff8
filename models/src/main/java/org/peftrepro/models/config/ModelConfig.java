package org.peftrepro.models.config;

/** The parsed config.json of a model family the suite builds. */
public sealed interface ModelConfig permits RobertaConfig, LlamaConfig {
    /** HF's {@code model_type}. */
    String modelType();

    int hiddenSize();

    int numHiddenLayers();

    int vocabSize();
}
