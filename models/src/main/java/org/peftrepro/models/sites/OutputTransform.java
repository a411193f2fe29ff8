package org.peftrepro.models.sites;

import ai.djl.ndarray.NDArray;

/** A method's change to a sub-layer's output before the residual add (bottleneck adapters). */
@FunctionalInterface
public interface OutputTransform {
    /** @return the new sub-layer output, same shape as {@code output} */
    NDArray apply(NDArray output, ForwardContext context);
}
