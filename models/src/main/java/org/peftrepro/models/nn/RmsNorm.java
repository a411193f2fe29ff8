package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** LLaMA's RMSNorm: {@code w * x / sqrt(mean(x^2) + eps)}, computed in float32 as HF does. */
public final class RmsNorm {
    private final Parameter weight;
    private final float eps;

    public RmsNorm(NamedParameters registry, String moduleName, long size, double eps) {
        this.weight = registry.add(moduleName + ".weight", Parameter.Type.GAMMA, new Shape(size));
        this.eps = (float) eps;
    }

    public NDArray forward(NDArray x) {
        DataType type = x.getDataType();
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray variance = x32.square().mean(new int[] {-1}, true);
        NDArray normed = x32.mul(Scalars.pow(Scalars.add(variance, eps), -0.5)).toType(type, false);
        return normed.mul(weight.getArray());
    }
}
