package org.peftrepro.models.io;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor's header entry in a safetensors file: its element type, its shape, and where its bytes
 * lie, as offsets {@code [dataBegin, dataEnd)} into the data section that follows the header (not
 * from the start of the file), exactly as the header states them.
 */
public final class TensorEntry {

    private final String name;
    private final SafetensorsDtype dtype;
    private final long[] shape;
    private final long dataBegin;
    private final long dataEnd;

    public TensorEntry(String name, SafetensorsDtype dtype, long[] shape, long dataBegin, long dataEnd) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.dataBegin = dataBegin;
        this.dataEnd = dataEnd;
    }

    public String name() {
        return name;
    }

    public SafetensorsDtype dtype() {
        return dtype;
    }

    /** The shape; empty for a scalar. A copy: callers may change it freely. */
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as DJL spells it. */
    public Shape djlShape() {
        return new Shape(shape);
    }

    /** First byte of the tensor, counted from the start of the data section. */
    public long dataBegin() {
        return dataBegin;
    }

    /** One past the last byte of the tensor, counted from the start of the data section. */
    public long dataEnd() {
        return dataEnd;
    }

    /** Bytes the tensor occupies in the file. */
    public long byteLength() {
        return dataEnd - dataBegin;
    }

    /** Number of elements: the product of the shape, 1 for a scalar, 0 when any dimension is 0. */
    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count *= dim; // cannot overflow: the header was validated against this product
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TensorEntry)) {
            return false;
        }
        TensorEntry that = (TensorEntry) other;
        return name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && dataBegin == that.dataBegin
                && dataEnd == that.dataEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataBegin, dataEnd);
    }

    @Override
    public String toString() {
        return name + " " + dtype.code() + Arrays.toString(shape) + " @[" + dataBegin + ", " + dataEnd + ")";
    }
}
