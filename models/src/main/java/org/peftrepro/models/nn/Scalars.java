package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant, safe under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code add}, {@code pow}, {@code maximum}) wraps the
 * constant in a tensor over a Java direct buffer and closes it as soon as the op returns. PyTorch's autograd
 * may still hold that tensor for the backward pass (the gradient of {@code x * c} is {@code grad * c}); once
 * the garbage collector frees the buffer, the backward pass reads whatever memory is there: gradients that
 * differ from run to run, and now and then NaN. Here the constant is a tensor of the input's manager, so it
 * lives as long as the batch it belongs to. Use these in every forward computation that may record gradients.
 */
public final class Scalars {
    private Scalars() {}

    public static NDArray mul(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    public static NDArray div(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    public static NDArray add(NDArray x, double c) {
        return x.add(constant(x, c));
    }

    public static NDArray pow(NDArray x, double c) {
        return x.pow(constant(x, c));
    }

    private static NDArray constant(NDArray x, double c) {
        return x.getManager().create((float) c).toType(x.getDataType(), false);
    }
}
