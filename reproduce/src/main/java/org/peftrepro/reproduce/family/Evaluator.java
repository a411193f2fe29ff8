package org.peftrepro.reproduce.family;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.Batch;
import org.peftrepro.datasets.Batcher;
import org.peftrepro.datasets.EncodedExample;
import org.peftrepro.datasets.GlueMetric;
import org.peftrepro.datasets.GlueSplit;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.PredictionCollector;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.reproduce.engine.TensorBatch;

/** Scores a model on a dev split: class ids by argmax, or the regression output as the score. */
final class Evaluator {
    private Evaluator() {}

    /**
     * @param suffix added to every metric key ({@code _mismatched} for MNLI's second dev set)
     */
    static Map<String, Double> evaluate(SequenceClassifier model, GlueTask task, GlueSplit split,
            List<EncodedExample> encoded, Batcher batcher, NDManager manager, String suffix) {
        PredictionCollector predictions = new PredictionCollector(encoded.size());
        for (Batch batch : batcher.evaluationBatches(encoded)) {
            try (NDManager batchManager = manager.newSubManager()) {
                TensorBatch t = TensorBatch.of(batch, batchManager);
                NDArray logits = model.forward(t.inputIds(), t.attentionMask(), t.tokenTypeIds(), null,
                        ForwardContext.inference(t.attentionMask())).logits();
                if (task.isRegression()) {
                    predictions.addScores(batch, logits.reshape(-1).toFloatArray());
                } else {
                    predictions.addLabels(batch, logits.argMax(-1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray());
                }
            }
        }
        Map<GlueMetric, Double> scores = task.isRegression()
                ? task.score(predictions.scores(), split.examples())
                : task.score(predictions.labels(), split.examples());
        Map<String, Double> result = new LinkedHashMap<>();
        scores.forEach((metric, value) -> result.put(metric.key() + suffix, value));
        return result;
    }
}
