package org.peftrepro.reproduce.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.peftrepro.datasets.Batch;

/** A batch of plain arrays as tensors in a (per-batch) manager. */
record TensorBatch(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray labels) {

    static TensorBatch of(Batch batch, NDManager manager) {
        Shape shape = new Shape(batch.batchSize(), batch.seqLen());
        NDArray labels = batch.isRegression()
                ? manager.create(batch.targets())
                : manager.create(java.util.Arrays.stream(batch.labels()).asLongStream().toArray());
        return new TensorBatch(manager.create(batch.inputIds(), shape), manager.create(batch.attentionMask(), shape),
                manager.create(batch.tokenTypeIds(), shape), labels);
    }
}
