package org.peftrepro.models.io;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types this project reads from and writes to safetensors files, under the codes the
 * format uses in its header ({@code "dtype": "F32"}).
 *
 * <p>Each type names the DJL {@link DataType} its tensors become when read. Two of them are widened
 * on the way, in Java, before any NDArray exists: the PyTorch engine of DJL 0.35 aborts the whole
 * JVM when asked to create a bfloat16 or int16 tensor, so BF16 becomes FLOAT32 (exactly: a bfloat16
 * is the top half of a float32) and I16 becomes INT32.
 */
public enum SafetensorsDtype {
    F64("F64", 8, DataType.FLOAT64),
    F32("F32", 4, DataType.FLOAT32),
    F16("F16", 2, DataType.FLOAT16),
    BF16("BF16", 2, DataType.FLOAT32),
    I64("I64", 8, DataType.INT64),
    I32("I32", 4, DataType.INT32),
    I16("I16", 2, DataType.INT32),
    I8("I8", 1, DataType.INT8),
    U8("U8", 1, DataType.UINT8),
    BOOL("BOOL", 1, DataType.BOOLEAN);

    private final String code;
    private final int byteSize;
    private final DataType ndArrayType;

    SafetensorsDtype(String code, int byteSize, DataType ndArrayType) {
        this.code = code;
        this.byteSize = byteSize;
        this.ndArrayType = ndArrayType;
    }

    /** The code written in the file header, e.g. {@code "BF16"}. */
    public String code() {
        return code;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The data type of the NDArray a tensor of this type is read into (widened for BF16 and I16). */
    public DataType ndArrayType() {
        return ndArrayType;
    }

    /** Whether reading this type changes the element type on the way into an NDArray. */
    public boolean isWidenedOnRead() {
        return ndArrayType.getNumOfBytes() != byteSize;
    }

    /** Floating-point types: those {@code readFloats} accepts. */
    public boolean isFloating() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The type with this header code, if it is one of ours. Codes are case-sensitive, as in the format. */
    public static Optional<SafetensorsDtype> fromCode(String code) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.code.equals(code)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    /**
     * The type an NDArray of the given data type is written as. BFLOAT16 and INT16 have no entry: the
     * engine cannot hold such arrays, and converting silently would change the saved values' type.
     *
     * @throws IllegalArgumentException for data types the writer does not support
     */
    public static SafetensorsDtype forNDArrayType(DataType type) {
        switch (type) {
            case FLOAT64:
                return F64;
            case FLOAT32:
                return F32;
            case FLOAT16:
                return F16;
            case INT64:
                return I64;
            case INT32:
                return I32;
            case INT8:
                return I8;
            case UINT8:
                return U8;
            case BOOLEAN:
                return BOOL;
            default:
                throw new IllegalArgumentException(
                        "NDArray data type " + type.name() + " cannot be written to safetensors; supported: "
                                + "FLOAT64, FLOAT32, FLOAT16, INT64, INT32, INT8, UINT8, BOOLEAN");
        }
    }

    /** The header codes we accept, for error messages. */
    static String supportedCodes() {
        return Arrays.stream(values()).map(SafetensorsDtype::code).collect(Collectors.joining(", "));
    }
}
