package org.peftrepro.models.sites;

import ai.djl.ndarray.NDArray;

/**
 * A path across the layer stack that reads the input of layer {@link #start()} and adds to the output
 * of layer {@link #end()} (LoR2C: {@code h_{e+1} = F_e(...F_s(h_s)) + delta(h_s)}).
 */
public interface ResidualPath {
    int start();

    int end();

    /** @param startInput the hidden states entering layer {@code start}, (batch, seq, hidden) */
    NDArray apply(NDArray startInput, ForwardContext context);
}
