package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.peftrepro.models.Backbone;

/**
 * Keeps a model's frozen weight matrices in float16, halving their memory (DJL has no autocast; bfloat16 would
 * abort the JVM). Only two-dimensional weights that do not train are converted; norms, biases and everything
 * trained stay float32, and linear layers and embeddings cast at their boundary, so activations and the
 * method's own parameters and optimizer state stay float32 (explicit mixed precision).
 */
public final class HalfPrecision {
    private HalfPrecision() {}

    /** @return the number of parameters (scalars) now held in float16 */
    public static long halveFrozenWeights(Backbone model, Set<Parameter> trained, NDManager manager) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long halved = 0;
        for (Parameter p : model.parameters().asMap().values()) {
            if (!seen.add(p) || trained.contains(p) || p.getType() != Parameter.Type.WEIGHT
                    || p.getShape().dimension() != 2 || p.getArray().getDataType() == DataType.FLOAT16) {
                continue;
            }
            NDArray half = p.getArray().toType(DataType.FLOAT16, true);
            p.close();
            p.setInitializer((m, shape, type) -> half);
            p.initialize(manager, DataType.FLOAT16);
            p.freeze(true);
            halved += p.getShape().size();
        }
        return halved;
    }

    /**
     * x W^T (+ b) in x's data type, whatever W's: a float16 weight multiplies a float16 copy of x, and the
     * product comes back in x's type; the bias (float32) is added afterwards.
     */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (weight.getDataType() == x.getDataType()) {
            return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
        }
        NDArray xw = x.toType(weight.getDataType(), false);
        NDArray y = xw.getNDArrayInternal().linear(xw, weight, null).singletonOrThrow().toType(x.getDataType(), false);
        return bias == null ? y : y.add(bias.toType(x.getDataType(), false));
    }
}
