package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;

/** The reshapes of multi-head attention between the model's width and one slice per head. */
public final class AttentionHeads {
    private AttentionHeads() {}

    /** (batch, seq, heads * headDim) -> (batch, heads, seq, headDim): one slice per head. */
    public static NDArray split(NDArray x, int heads, int headDim) {
        long[] s = x.getShape().getShape();
        return x.reshape(s[0], s[1], heads, headDim).transpose(0, 2, 1, 3);
    }

    /** (batch, heads, seq, headDim) -> (batch, seq, heads * headDim): the heads side by side again. */
    public static NDArray merge(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.transpose(0, 2, 1, 3).reshape(s[0], s[2], s[1] * s[3]);
    }
}
