package org.peftrepro.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer then reader: every writable dtype keeps its values, shape, type and the metadata. */
class SafetensorsRoundTripTest {

    private static NDManager rootManager;
    private NDManager manager;

    @TempDir
    Path folder;

    @BeforeAll
    static void createManager() {
        rootManager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        rootManager.close();
    }

    @BeforeEach
    void openScope() {
        manager = rootManager.newSubManager();
    }

    @AfterEach
    void closeScope() {
        manager.close();
    }

    @Test
    void everyWritableDtypeRoundTrips() throws Exception {
        Map<String, NDArray> tensors = new TreeMap<>();
        tensors.put("f64", manager.create(new double[] {1.0 / 3, -1e300, 0.0}, new Shape(3)));
        tensors.put("f32", manager.create(new float[] {1.5f, -2.25f, 3e-3f, 7f, 0f, -0f}, new Shape(2, 3)));
        tensors.put("f16", manager.create(new float[] {1f, -2.5f, 0.5f, 65504f}, new Shape(2, 2))
                .toType(DataType.FLOAT16, false));
        tensors.put("i64", manager.create(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}, new Shape(4, 1)));
        tensors.put("i32", manager.create(new int[] {Integer.MIN_VALUE, 42, Integer.MAX_VALUE}, new Shape(1, 3)));
        tensors.put("i8", manager.create(new byte[] {-128, 0, 127}, new Shape(3)));
        tensors.put("u8", manager.create(ByteBuffer.wrap(new byte[] {0, (byte) 200, (byte) 255}), new Shape(3),
                DataType.UINT8));
        tensors.put("bool", manager.create(new boolean[] {true, false, false, true}, new Shape(2, 1, 2)));
        Path file = folder.resolve("all.safetensors");

        SafetensorsWriter.write(file, tensors, Map.of("format", "pt", "note", "äöü ✓"));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.metadata()).containsOnly(Map.entry("format", "pt"), Map.entry("note", "äöü ✓"));
            assertThat(st.tensors().keySet()).containsExactly("bool", "f16", "f32", "f64", "i32", "i64", "i8", "u8");
            assertThat(st.entry("f64").dtype()).isEqualTo(SafetensorsDtype.F64);
            assertThat(st.entry("f16").dtype()).isEqualTo(SafetensorsDtype.F16);
            assertThat(st.entry("bool").dtype()).isEqualTo(SafetensorsDtype.BOOL);
            assertThat(st.entry("bool").shape()).containsExactly(2, 1, 2);

            assertThat(read(st, "f64", DataType.FLOAT64, new Shape(3)).toDoubleArray())
                    .containsExactly(1.0 / 3, -1e300, 0.0);
            assertThat(read(st, "f32", DataType.FLOAT32, new Shape(2, 3)).toFloatArray())
                    .containsExactly(1.5f, -2.25f, 3e-3f, 7f, 0f, -0f);
            assertThat(read(st, "f16", DataType.FLOAT16, new Shape(2, 2)).toType(DataType.FLOAT32, false)
                    .toFloatArray()).containsExactly(1f, -2.5f, 0.5f, 65504f);
            assertThat(read(st, "i64", DataType.INT64, new Shape(4, 1)).toLongArray())
                    .containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE);
            assertThat(read(st, "i32", DataType.INT32, new Shape(1, 3)).toIntArray())
                    .containsExactly(Integer.MIN_VALUE, 42, Integer.MAX_VALUE);
            assertThat(read(st, "i8", DataType.INT8, new Shape(3)).toByteArray()).containsExactly(-128, 0, 127);
            assertThat(read(st, "u8", DataType.UINT8, new Shape(3)).toUint8Array()).containsExactly(0, 200, 255);
            assertThat(read(st, "bool", DataType.BOOLEAN, new Shape(2, 1, 2)).toBooleanArray())
                    .containsExactly(true, false, false, true);

            assertThat(st.readFloats("f16")).containsExactly(1f, -2.5f, 0.5f, 65504f);
            assertThat(st.readFloats("f64")).containsExactly((float) (1.0 / 3), Float.NEGATIVE_INFINITY, 0f);
            assertThat(st.readLongs("i32")).containsExactly(Integer.MIN_VALUE, 42, Integer.MAX_VALUE);
            assertThat(st.readLongs("u8")).containsExactly(0, 200, 255);
            assertThat(st.readLongs("bool")).containsExactly(1, 0, 0, 1);
        }
    }

    @Test
    void scalarsAndEmptyTensorsRoundTrip() throws Exception {
        Map<String, NDArray> tensors = Map.of(
                "scalar", manager.create(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putFloat(0, 2.5f),
                        new Shape(), DataType.FLOAT32),
                "empty", manager.create(new float[0], new Shape(0, 3)),
                "empty_ids", manager.create(new long[0], new Shape(4, 0)));
        Path file = folder.resolve("edge.safetensors");

        SafetensorsWriter.write(file, tensors, null);

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.metadata()).isEmpty();
            assertThat(st.entry("scalar").shape()).isEmpty();
            assertThat(st.entry("scalar").elementCount()).isEqualTo(1);
            assertThat(st.entry("empty").shape()).containsExactly(0, 3);
            assertThat(st.entry("empty").byteLength()).isZero();
            assertThat(read(st, "scalar", DataType.FLOAT32, new Shape()).getFloat()).isEqualTo(2.5f);
            assertThat(read(st, "empty", DataType.FLOAT32, new Shape(0, 3)).size()).isZero();
            assertThat(read(st, "empty_ids", DataType.INT64, new Shape(4, 0)).size()).isZero();
            assertThat(st.readFloats("empty")).isEmpty();
            assertThat(st.readLongs("empty_ids")).isEmpty();
        }
    }

    @Test
    void nonContiguousArraysAreWrittenInLogicalOrder() throws Exception {
        // [[0,1,2],[3,4,5]] transposed is [[0,3],[1,4],[2,5]]; its memory still holds 0..5 in order.
        NDArray transposed = manager.arange(6f).reshape(2, 3).transpose();
        Path file = folder.resolve("t.safetensors");

        SafetensorsWriter.write(file, Map.of("t", transposed));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.entry("t").shape()).containsExactly(3, 2);
            assertThat(st.readFloats("t")).containsExactly(0f, 3f, 1f, 4f, 2f, 5f);
        }
    }

    @Test
    void headerIsPaddedWithSpacesToAMultipleOfEight() throws Exception {
        Path file = folder.resolve("pad.safetensors");
        SafetensorsWriter.write(file, Map.of("x", manager.create(new float[] {1f})));

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + headerLength + 4);
        String header = new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header.stripTrailing()).endsWith("}");
        assertThat(header.substring(header.stripTrailing().length())).matches(" *");
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = folder.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("a", manager.create(new float[] {1f, 2f})));
        SafetensorsWriter.write(file, Map.of("b", manager.create(new int[] {9})));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.tensors().keySet()).containsExactly("b");
            assertThat(st.readLongs("b")).containsExactly(9);
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aRejectedWriteLeavesTheOldFileAndNoTemporaryFiles() throws Exception {
        Path file = folder.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("a", manager.create(new float[] {1f})));
        byte[] before = Files.readAllBytes(file);

        Map<String, NDArray> reserved = Map.of("__metadata__", manager.create(new float[] {1f}));
        assertThatThrownBy(() -> SafetensorsWriter.write(file, reserved))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("__metadata__")
                .hasMessageContaining(file.toString());
        Map<String, NDArray> withNull = new TreeMap<>();
        withNull.put("w", null);
        assertThatThrownBy(() -> SafetensorsWriter.write(file, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'w'");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writerRejectsTypesTheFormatMappingDoesNotCover() {
        assertThat(SafetensorsDtype.forNDArrayType(DataType.UINT8)).isEqualTo(SafetensorsDtype.U8);
        assertThatThrownBy(() -> SafetensorsDtype.forNDArrayType(DataType.BFLOAT16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BFLOAT16");
        assertThatThrownBy(() -> SafetensorsDtype.forNDArrayType(DataType.STRING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private NDArray read(SafetensorsFile st, String name, DataType type, Shape shape) throws Exception {
        NDArray array = st.read(name, manager);
        assertThat(array.getDataType()).as("type of %s", name).isEqualTo(type);
        assertThat(array.getShape()).as("shape of %s", name).isEqualTo(shape);
        assertThat(array.getName()).isEqualTo(name);
        return array;
    }
}
