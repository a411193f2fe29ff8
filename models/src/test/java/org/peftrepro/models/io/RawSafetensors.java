package org.peftrepro.models.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds safetensors files byte by byte, independently of {@link SafetensorsWriter}, so tests can
 * check the reader against the format itself and craft damaged files.
 */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** A file made of the little-endian length of {@code header}, the header, then {@code data}. */
    static Path write(Path file, String header, byte[] data) throws IOException {
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        return writeWithDeclaredLength(file, headerBytes.length, concat(headerBytes, data));
    }

    /** A file made of an arbitrary declared header length followed by {@code rest}. */
    static Path writeWithDeclaredLength(Path file, long declaredLength, byte[] rest) throws IOException {
        Files.write(file, concat(u64(declaredLength), rest));
        return file;
    }

    static byte[] u64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    static byte[] f32(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    static byte[] i64(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    static byte[] i32(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    /** 16-bit words (F16, BF16, I16 bit patterns), little-endian. */
    static byte[] u16(int... words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : words) {
            buffer.putShort((short) word);
        }
        return buffer.array();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A header entry, in the compact JSON spelling the reference writes. */
    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }
}
