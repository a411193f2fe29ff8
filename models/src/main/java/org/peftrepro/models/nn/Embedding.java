package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;

/** A lookup table {@code (num, dim)} with HF's parameter name ({@code weight}). */
public final class Embedding {
    private final Parameter weight;

    public Embedding(NamedParameters registry, String moduleName, long num, long dim) {
        this.weight = registry.add(moduleName + ".weight", Parameter.Type.WEIGHT, new Shape(num, dim));
    }

    /** @param ids integer ids of any shape; returns ids.shape + (dim) in the ids' manager */
    public NDArray forward(NDArray ids) {
        NDArray rows = ids.getNDArrayInternal().embedding(ids, weight.getArray(), SparseFormat.DENSE).singletonOrThrow();
        // A float16 table (HalfPrecision) hands float32 activations on.
        return rows.getDataType() == DataType.FLOAT16 ? rows.toType(DataType.FLOAT32, false) : rows;
    }

    public Parameter weight() {
        return weight;
    }
}
