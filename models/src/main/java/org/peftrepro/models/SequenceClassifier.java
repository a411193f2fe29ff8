package org.peftrepro.models;

import ai.djl.ndarray.NDArray;
import org.peftrepro.models.sites.ForwardContext;

/** A backbone with a sequence-classification (or, with one label, regression) head. */
public interface SequenceClassifier extends Backbone {
    int numLabels();

    /**
     * @param labels (batch) int64 class ids, or float32 targets when {@link #numLabels()} is 1; null for no loss
     */
    ClassifierOutput forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray labels,
            ForwardContext context);
}
