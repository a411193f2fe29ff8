package org.peftrepro.reproduce.engine;

import java.util.List;
import org.peftrepro.datasets.Batch;

/** A run's data, prepared by its task family: the training batches of each epoch, and whatever it evaluates on. */
public interface TaskData extends AutoCloseable {
    /** The micro-batches of epoch {@code epoch} (1-based), in training order. */
    List<Batch> trainingBatches(int epoch);

    /** Micro-batches per epoch (the same every epoch). */
    int batchesPerEpoch();

    /** Releases what the data holds open (a tokenizer). */
    @Override
    default void close() {}
}
