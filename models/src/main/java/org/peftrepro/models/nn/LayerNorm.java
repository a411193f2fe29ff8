package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** LayerNorm over the last axis with HF's parameter names ({@code weight}, {@code bias}). */
public final class LayerNorm {
    private final Parameter weight;
    private final Parameter bias;
    private final Shape normalized;
    private final float eps;

    public LayerNorm(NamedParameters registry, String moduleName, long size, double eps) {
        this.normalized = new Shape(size);
        this.weight = registry.add(moduleName + ".weight", Parameter.Type.GAMMA, normalized);
        this.bias = registry.add(moduleName + ".bias", Parameter.Type.BETA, normalized);
        this.eps = (float) eps;
    }

    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal()
                .layerNorm(x, normalized, weight.getArray(), bias.getArray(), eps)
                .singletonOrThrow();
    }
}
