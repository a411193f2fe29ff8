package org.peftrepro.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peftrepro.models.io.RawSafetensors.bytes;
import static org.peftrepro.models.io.RawSafetensors.entry;
import static org.peftrepro.models.io.RawSafetensors.u16;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dtypes that are widened or reinterpreted on the way in, checked against hand-written bit patterns. */
class DtypeDecodingTest {

    /** Bit patterns and their exact values, from the IEEE 754 binary16 and bfloat16 layouts. */
    private static final int[] BF16_BITS = {0x3F80, 0xC020, 0x0000, 0x8000, 0x3EAB, 0x7F80, 0xFF80};
    private static final float[] BF16_VALUES = {
        1.0f, -2.5f, 0.0f, -0.0f, 0.333984375f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY
    };
    private static final int[] F16_BITS = {0x3C00, 0xC100, 0x7BFF, 0x0400, 0x0001, 0x3555, 0x8000, 0x7C00, 0xFC00};
    private static final float[] F16_VALUES = {
        1.0f, -2.5f, 65504f, 0x1p-14f, 0x1p-24f, 0.333251953125f, -0.0f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY
    };

    private static NDManager manager;

    @TempDir
    Path folder;

    @BeforeAll
    static void createManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Test
    void bfloat16IsWidenedToExactFloat32() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("bf16.safetensors"),
                "{" + entry("w", "BF16", "[7]", 0, 14) + "}", u16(BF16_BITS));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.readFloats("w")).containsExactly(BF16_VALUES);
            try (NDArray w = st.read("w", manager)) {
                assertThat(w.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(w.getShape()).isEqualTo(new Shape(7));
                assertThat(w.toFloatArray()).containsExactly(BF16_VALUES);
            }
        }
    }

    @Test
    void float16StaysHalfUnlessFloat32IsAskedFor() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("f16.safetensors"),
                "{" + entry("h", "F16", "[3,3]", 0, 18) + "}", u16(F16_BITS));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.readFloats("h")).containsExactly(F16_VALUES);
            try (NDArray half = st.read("h", manager)) {
                assertThat(half.getDataType()).isEqualTo(DataType.FLOAT16);
                assertThat(half.getShape()).isEqualTo(new Shape(3, 3));
                ByteBuffer raw = half.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < F16_BITS.length; i++) {
                    assertThat(raw.getShort() & 0xFFFF).as("element %d", i).isEqualTo(F16_BITS[i]);
                }
            }
            try (NDArray widened = st.read("h", manager, DataType.FLOAT32)) {
                assertThat(widened.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(widened.getShape()).isEqualTo(new Shape(3, 3));
                assertThat(widened.toFloatArray()).containsExactly(F16_VALUES);
            }
        }
    }

    @Test
    void float16NaNStaysNaN() {
        assertThat(ElementDecoding.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(ElementDecoding.halfToFloat((short) 0xFE01)).isNaN();
    }

    @Test
    void int16IsWidenedToInt32AndUnsignedBytesStayUnsigned() throws Exception {
        String header = "{" + entry("s", "I16", "[3]", 0, 6) + "," + entry("u", "U8", "[3]", 6, 9) + ","
                + entry("b", "BOOL", "[3]", 9, 12) + "}";
        // BOOL byte 2 is malformed but non-zero: it must read as true, and as 1.
        Path file = RawSafetensors.write(folder.resolve("ints.safetensors"), header,
                RawSafetensors.concat(u16(0x8000, 1234, 0xFFFF), bytes(0, 200, 255), bytes(1, 0, 2)));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.readLongs("s")).containsExactly(-32768, 1234, -1);
            assertThat(st.readLongs("u")).containsExactly(0, 200, 255);
            assertThat(st.readLongs("b")).containsExactly(1, 0, 1);
            try (NDArray s = st.read("s", manager); NDArray u = st.read("u", manager);
                    NDArray b = st.read("b", manager)) {
                assertThat(s.getDataType()).isEqualTo(DataType.INT32);
                assertThat(s.toIntArray()).containsExactly(-32768, 1234, -1);
                assertThat(u.getDataType()).isEqualTo(DataType.UINT8);
                assertThat(u.toUint8Array()).containsExactly(0, 200, 255);
                assertThat(b.getDataType()).isEqualTo(DataType.BOOLEAN);
                assertThat(b.toBooleanArray()).containsExactly(true, false, true);
            }
        }
    }

    @Test
    void otherConversionsGoThroughTheEngine() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("ids.safetensors"),
                "{" + entry("ids", "I64", "[2]", 0, 16) + "}", RawSafetensors.i64(3, -4));
        try (SafetensorsFile st = SafetensorsFile.open(file);
                NDArray asFloat = st.read("ids", manager, DataType.FLOAT32)) {
            assertThat(asFloat.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(asFloat.toFloatArray()).containsExactly(3f, -4f);
            assertThat(asFloat.getName()).isEqualTo("ids");
        }
    }

    @Test
    void byteSwappingCopiesEachElementIntoTheTargetOrder() {
        ByteBuffer little = ByteBuffer.wrap(bytes(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08))
                .order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        ElementDecoding.swapInto(4, little, big);
        assertThat(big.array()).containsExactly(bytes(0x04, 0x03, 0x02, 0x01, 0x08, 0x07, 0x06, 0x05));

        little.rewind();
        ByteBuffer bigShorts = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        ElementDecoding.copyElements(SafetensorsDtype.F16, little, bigShorts);
        assertThat(bigShorts.array()).containsExactly(bytes(0x02, 0x01, 0x04, 0x03, 0x06, 0x05, 0x08, 0x07));
    }
}
