package org.peftrepro.models.sites;

import ai.djl.ndarray.NDArray;

/** A method's addition to a linear site's output: {@code y = W x + b + delta(x)} (LoRA, Lily). */
@FunctionalInterface
public interface LinearDelta {
    /**
     * @param input the linear's input x, (..., in)
     * @return the term added to W x + b, (..., out)
     */
    NDArray apply(NDArray input, ForwardContext context);
}
