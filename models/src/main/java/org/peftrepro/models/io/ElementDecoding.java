package org.peftrepro.models.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Turns little-endian element bytes, as stored in safetensors files, into Java values or into the
 * native-order bytes an NDArray is built from. Every method consumes the whole {@code chunk}, which
 * must hold whole elements and be set to {@link ByteOrder#LITTLE_ENDIAN}.
 */
final class ElementDecoding {

    private ElementDecoding() {
    }

    /**
     * Widens an IEEE 754 binary16 value to float, exactly (every half is a float). Written out
     * because Java 17 has no {@code Float.float16ToFloat} (it arrived in Java 20).
     */
    static float halfToFloat(short bits) {
        int half = bits & 0xFFFF;
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            // Infinity or NaN: all-ones float exponent, NaN payload kept in the top mantissa bits.
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float since the mantissa has 10 bits.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Normal: rebias the exponent from 15 (half) to 127 (float) and left-align the mantissa.
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
    }

    /** Widens a bfloat16 value to float, exactly: bfloat16 is the upper half of a float32. */
    static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Decodes floating-point elements into floats: widening F16/BF16, narrowing F64 to nearest. */
    static void toFloats(SafetensorsDtype dtype, ByteBuffer chunk, FloatBuffer out) {
        switch (dtype) {
            case F32:
                out.put(chunk.asFloatBuffer());
                chunk.position(chunk.limit());
                break;
            case F16:
                while (chunk.hasRemaining()) {
                    out.put(halfToFloat(chunk.getShort()));
                }
                break;
            case BF16:
                while (chunk.hasRemaining()) {
                    out.put(bfloat16ToFloat(chunk.getShort()));
                }
                break;
            case F64:
                while (chunk.hasRemaining()) {
                    out.put((float) chunk.getDouble());
                }
                break;
            default:
                throw new IllegalArgumentException(dtype.code() + " is not a floating-point dtype");
        }
    }

    /** Decodes integer or boolean elements into longs: U8 as unsigned, BOOL as 0 or 1. */
    static void toLongs(SafetensorsDtype dtype, ByteBuffer chunk, LongBuffer out) {
        switch (dtype) {
            case I64:
                out.put(chunk.asLongBuffer());
                chunk.position(chunk.limit());
                break;
            case I32:
                while (chunk.hasRemaining()) {
                    out.put(chunk.getInt());
                }
                break;
            case I16:
                while (chunk.hasRemaining()) {
                    out.put(chunk.getShort());
                }
                break;
            case I8:
                while (chunk.hasRemaining()) {
                    out.put(chunk.get());
                }
                break;
            case U8:
                while (chunk.hasRemaining()) {
                    out.put(chunk.get() & 0xFF);
                }
                break;
            case BOOL:
                while (chunk.hasRemaining()) {
                    out.put(chunk.get() != 0 ? 1L : 0L);
                }
                break;
            default:
                throw new IllegalArgumentException(dtype.code() + " is not an integer or boolean dtype");
        }
    }

    /** Widens I16 elements to ints (the engine cannot hold int16 arrays). */
    static void shortsToInts(ByteBuffer chunk, IntBuffer out) {
        while (chunk.hasRemaining()) {
            out.put(chunk.getShort());
        }
    }

    /**
     * Copies elements that keep their type into {@code out}, in {@code out}'s byte order. Booleans
     * are normalised to 0 or 1, since any other byte is not a valid boolean tensor element.
     */
    static void copyElements(SafetensorsDtype dtype, ByteBuffer chunk, ByteBuffer out) {
        if (dtype == SafetensorsDtype.BOOL) {
            while (chunk.hasRemaining()) {
                out.put(chunk.get() != 0 ? (byte) 1 : (byte) 0);
            }
        } else if (dtype.byteSize() == 1 || out.order() == chunk.order()) {
            out.put(chunk);
        } else {
            swapInto(dtype.byteSize(), chunk, out);
        }
    }

    /** Copies elements of {@code width} bytes from {@code source} to {@code out}, each buffer in its own byte order. */
    static void swapInto(int width, ByteBuffer source, ByteBuffer out) {
        switch (width) {
            case 2:
                while (source.hasRemaining()) {
                    out.putShort(source.getShort());
                }
                break;
            case 4:
                while (source.hasRemaining()) {
                    out.putInt(source.getInt());
                }
                break;
            case 8:
                while (source.hasRemaining()) {
                    out.putLong(source.getLong());
                }
                break;
            default:
                throw new IllegalArgumentException("no multi-byte element has width " + width);
        }
    }
}
