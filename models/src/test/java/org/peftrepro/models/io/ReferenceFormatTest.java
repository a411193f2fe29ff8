package org.peftrepro.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peftrepro.models.io.RawSafetensors.concat;
import static org.peftrepro.models.io.RawSafetensors.entry;
import static org.peftrepro.models.io.RawSafetensors.f32;
import static org.peftrepro.models.io.RawSafetensors.i64;
import static org.peftrepro.models.io.RawSafetensors.u64;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format compatibility, checked against bytes spelled out here rather than produced by our writer. */
class ReferenceFormatTest {

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
    void readsAHandBuiltFileWhoseHeaderOrderDiffersFromItsDataOrder() throws Exception {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + entry("bias", "F32", "[2]", 16, 24) + ","
                + entry("ids", "I64", "[2,1]", 0, 16) + "}";
        Path file = RawSafetensors.write(folder.resolve("hand.safetensors"), header,
                concat(i64(7, -3), f32(0.5f, -1.25f)));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(st.tensors().keySet()).containsExactly("ids", "bias"); // data order
            TensorEntry ids = st.entry("ids");
            assertThat(ids.dtype()).isEqualTo(SafetensorsDtype.I64);
            assertThat(ids.shape()).containsExactly(2, 1);
            assertThat(ids.dataBegin()).isZero();
            assertThat(ids.dataEnd()).isEqualTo(16);
            assertThat(st.entry("bias").byteLength()).isEqualTo(8);

            assertThat(st.readLongs("ids")).containsExactly(7, -3);
            assertThat(st.readFloats("bias")).containsExactly(0.5f, -1.25f);
            try (NDArray bias = st.read("bias", manager); NDArray ids2 = st.read("ids", manager)) {
                assertThat(bias.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(bias.getShape()).isEqualTo(new Shape(2));
                assertThat(bias.toFloatArray()).containsExactly(0.5f, -1.25f);
                assertThat(bias.getName()).isEqualTo("bias");
                assertThat(ids2.getDataType()).isEqualTo(DataType.INT64);
                assertThat(ids2.getShape()).isEqualTo(new Shape(2, 1));
                assertThat(ids2.toLongArray()).containsExactly(7L, -3L);
            }
        }
    }

    @Test
    void acceptsAHeaderPaddedWithSpacesAndAnEmptyFile() throws Exception {
        Path padded = RawSafetensors.write(folder.resolve("padded.safetensors"),
                "{" + entry("x", "F32", "[]", 0, 4) + "}      ", f32(3.5f));
        try (SafetensorsFile st = SafetensorsFile.open(padded)) {
            assertThat(st.readFloats("x")).containsExactly(3.5f);
        }
        Path empty = RawSafetensors.write(folder.resolve("empty.safetensors"), "{}", new byte[0]);
        try (SafetensorsFile st = SafetensorsFile.open(empty)) {
            assertThat(st.tensors()).isEmpty();
            assertThat(st.metadata()).isEmpty();
        }
    }

    /**
     * For tensors of a single dtype the reference writer orders by name, so its output is fully
     * determined: compact JSON with "__metadata__" first, fields dtype, shape, data_offsets, padded
     * with spaces to a multiple of 8, then the little-endian data.
     */
    @Test
    void writerProducesTheReferenceBytes() throws Exception {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        int paddedLength = (json.length() + 7) / 8 * 8;
        String paddedJson = json + " ".repeat(paddedLength - json.length());
        byte[] expected = concat(u64(paddedLength), paddedJson.getBytes(StandardCharsets.UTF_8),
                f32(7f, -1f), f32(1f, -2f));

        Path file = folder.resolve("ours.safetensors");
        try (NDArray a = manager.create(new float[] {7f, -1f}, new Shape(1, 2));
                NDArray b = manager.create(new float[] {1f, -2f})) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("b", b); // given out of order on purpose
            tensors.put("a", a);
            SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }
}
