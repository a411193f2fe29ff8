package org.peftrepro.reproduce.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.peftrepro.datasets.Batch;

/**
 * A {@link Batch} as tensors in a (per-step) manager: the one place where host arrays become tensors.
 *
 * @param labels class ids (batch) int64, regression targets (batch) float32, or token labels (batch, seq) int64
 */
public record TensorBatch(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray labels) {

    public static TensorBatch of(Batch batch, NDManager manager) {
        Shape shape = new Shape(batch.batchSize(), batch.seqLen());
        NDArray labels;
        if (batch.hasTokenLabels()) {
            labels = manager.create(batch.tokenLabels(), shape);
        } else if (batch.isRegression()) {
            labels = manager.create(batch.targets());
        } else {
            labels = manager.create(Arrays.stream(batch.labels()).asLongStream().toArray());
        }
        return new TensorBatch(manager.create(batch.inputIds(), shape), manager.create(batch.attentionMask(), shape),
                manager.create(batch.tokenTypeIds(), shape), labels);
    }
}
