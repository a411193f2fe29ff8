package org.peftrepro.models;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.peftrepro.models.checkpoint.CheckpointSource;
import org.peftrepro.models.checkpoint.LoadReport;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.ModelConfigs;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.io.Checkpoint;

/**
 * A model built from a checkpoint folder (config.json + model.safetensors or a sharded index), its
 * weights loaded by HF name into {@code manager}.
 */
public record PretrainedModel(Path folder, Backbone model, LoadReport report) {

    /** The model as its config describes it (RoBERTa: the classifier with the config's labels). */
    public static PretrainedModel load(Path folder, NDManager manager) throws IOException {
        return load(folder, Models.build(ModelConfigs.read(folder)), manager);
    }

    /** A RoBERTa sequence classifier with {@code numLabels} outputs; a head of another size is drawn fresh. */
    public static PretrainedModel loadClassifier(Path folder, int numLabels, NDManager manager) throws IOException {
        return load(folder, Models.sequenceClassifier(ModelConfigs.read(folder), numLabels), manager);
    }

    private static PretrainedModel load(Path folder, Backbone model, NDManager manager) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            LoadReport report = ModelWeights.load(model, new CheckpointSource(checkpoint), manager, initializerRange(model.config()));
            return new PretrainedModel(folder, model, report);
        }
    }

    static double initializerRange(ModelConfig config) {
        if (config instanceof RobertaConfig r) {
            return r.initializerRange();
        }
        return ((LlamaConfig) config).initializerRange();
    }
}
