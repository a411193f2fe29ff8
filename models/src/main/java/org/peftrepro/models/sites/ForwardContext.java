package org.peftrepro.models.sites;

import ai.djl.ndarray.NDArray;

/**
 * What every site contribution may need to know about the forward pass it runs in.
 *
 * @param training dropout is applied only when true
 * @param attentionMask (batch, seq) with 1 for tokens and 0 for padding, or null when nothing is padded
 */
public record ForwardContext(boolean training, NDArray attentionMask) {

    public static ForwardContext inference(NDArray attentionMask) {
        return new ForwardContext(false, attentionMask);
    }

    /** Inverted dropout with probability {@code p}, in training only (PyTorch's {@code nn.Dropout}). */
    public NDArray dropout(NDArray x, double p) {
        if (!training || p <= 0) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, (float) p, true).singletonOrThrow();
    }
}
