package org.peftrepro.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Set;

/** Named tensors to load a model from: a checkpoint folder, an adapter file, or tensors in memory. */
public interface TensorSource {
    /** Where the tensors come from, for messages. */
    String description();

    Set<String> names();

    long[] shape(String name);

    /** Reads one tensor as float32 (narrower floats widened) into {@code manager}. */
    NDArray read(String name, NDManager manager) throws IOException;
}
