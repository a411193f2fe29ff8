package org.peftrepro.reproduce.engine;

import ai.djl.ndarray.NDArray;
import org.peftrepro.models.sites.ForwardContext;

/** What a batch means to a model: the scalar loss the train step differentiates. */
@FunctionalInterface
public interface TrainingObjective {
    NDArray loss(TensorBatch batch, ForwardContext context);
}
