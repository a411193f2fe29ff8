package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** The training losses the heads compute, as PyTorch's {@code nn.functional} computes them. */
public final class Losses {
    /** The label of a position that is not predicted (PyTorch's {@code ignore_index}, as HF sets it). */
    public static final int IGNORE_INDEX = -100;

    private Losses() {}

    /**
     * Cross-entropy averaged over the positions whose label is not {@link #IGNORE_INDEX}, 0 when there is none.
     *
     * @param logits (..., classes)
     * @param labels (...) class ids, with the leading shape of {@code logits}
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long classes = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray target = labels.toType(DataType.INT64, false).reshape(-1);
        NDArray valid = target.neq(IGNORE_INDEX);
        // An ignored position gathers class 0 and is then weighted 0.
        NDArray safe = target.mul(valid.toType(DataType.INT64, false));
        NDArray nll = logits.reshape(-1, classes).logSoftmax(-1).gather(safe.reshape(-1, 1), 1).reshape(-1).neg();
        NDArray weights = valid.toType(DataType.FLOAT32, false);
        return nll.mul(weights).sum().div(weights.sum().maximum(1f));
    }
}
