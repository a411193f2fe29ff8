package org.peftrepro.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.peftrepro.models.io.RawSafetensors.bytes;
import static org.peftrepro.models.io.RawSafetensors.entry;
import static org.peftrepro.models.io.RawSafetensors.f32;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a file can be malformed fails in {@code open} with a message naming file and tensor. */
class SafetensorsValidationTest {

    @TempDir
    Path folder;

    // --- the length prefix ---

    @Test
    void fileShorterThanTheLengthPrefix() throws Exception {
        Path file = folder.resolve("short.safetensors");
        Files.write(file, bytes(1, 0, 0, 0, 0));
        assertFileRejected(file, "5 bytes long, too short");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws Exception {
        Path file = RawSafetensors.writeWithDeclaredLength(folder.resolve("cut.safetensors"), 100,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertFileRejected(file, "header length 100 runs past the end of the file");
    }

    @Test
    void absurdHeaderLength() throws Exception {
        Path large = RawSafetensors.writeWithDeclaredLength(folder.resolve("large.safetensors"), 100_000_001L,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertFileRejected(large, "header length 100000001 exceeds the limit of 100000000 bytes");
        // All bits set: 2^64 - 1 as the unsigned length, which a signed read would see as -1.
        Path huge = RawSafetensors.writeWithDeclaredLength(folder.resolve("huge.safetensors"), -1L,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertFileRejected(huge, "header length 18446744073709551615 exceeds the limit");
    }

    // --- the header as text ---

    @Test
    void headerNotUtf8() throws Exception {
        Path file = RawSafetensors.writeWithDeclaredLength(folder.resolve("latin1.safetensors"), 3,
                bytes('{', 0xFF, '}'));
        assertFileRejected(file, "header is not valid UTF-8 (line 1, column 2): byte 0xFF at byte offset 1");
    }

    @Test
    void headerNotJson() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("broken.safetensors"), "{\"a\": ", new byte[0]);
        assertFileRejected(file, "header is not valid JSON");
    }

    @Test
    void headerNotAnObject() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("array.safetensors"), "[1, 2]", new byte[0]);
        assertFileRejected(file, "header must be a JSON object but is a JSON array");
    }

    @Test
    void headerWithTrailingText() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("trailing.safetensors"), "{} {}", new byte[0]);
        assertFileRejected(file, "header is not valid JSON");
    }

    @Test
    void sameTensorNameTwice() throws Exception {
        String header = "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}";
        Path file = RawSafetensors.write(folder.resolve("twice.safetensors"), header, f32(1f, 2f));
        assertFileRejected(file, "Duplicate field 'w'");
    }

    @Test
    void metadataValueNotAString() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("meta.safetensors"),
                "{\"__metadata__\":{\"step\":3}}", new byte[0]);
        assertFileRejected(file, "__metadata__ value for key 'step' must be a string");
    }

    // --- one entry ---

    @Test
    void entryNotAnObject() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("entry.safetensors"), "{\"w\": 5}", new byte[0]);
        assertTensorRejected(file, "w", "entry must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtype", "shape", "data_offsets"})
    void entryMissingAField(String field) throws Exception {
        String complete = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        String withoutField = complete.replaceFirst("\"" + field + "\":(\"F32\"|\\[1\\]|\\[0,4\\]),?", "")
                .replace(",}", "}");
        assertThat(withoutField).doesNotContain(field);
        Path file = RawSafetensors.write(folder.resolve("no-" + field + ".safetensors"),
                "{\"w\":" + withoutField + "}", f32(1f));
        assertTensorRejected(file, "w", "entry has no '" + field + "' field");
    }

    @Test
    void unknownDtype() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("dtype.safetensors"),
                "{" + entry("w", "Q4", "[1]", 0, 1) + "}", bytes(0));
        assertTensorRejected(file, "w", "unsupported dtype 'Q4'");
        Path lowerCase = RawSafetensors.write(folder.resolve("lower.safetensors"),
                "{" + entry("w", "f32", "[1]", 0, 4) + "}", f32(1f));
        assertTensorRejected(lowerCase, "w", "unsupported dtype 'f32'");
    }

    @Test
    void negativeDimension() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("negative.safetensors"),
                "{" + entry("w", "F32", "[2,-1]", 0, 0) + "}", new byte[0]);
        assertTensorRejected(file, "w", "shape[1] is -1");
    }

    @Test
    void nonIntegerDimension() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("fraction.safetensors"),
                "{" + entry("w", "F32", "[2.5]", 0, 10) + "}", new byte[10]);
        assertTensorRejected(file, "w", "shape[0] is 2.5");
        Path text = RawSafetensors.write(folder.resolve("text.safetensors"),
                "{" + entry("w", "F32", "[\"2\"]", 0, 8) + "}", new byte[8]);
        assertTensorRejected(text, "w", "shape[0] is \"2\"");
    }

    @Test
    void shapeNotAnArray() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("shape.safetensors"),
                "{" + entry("w", "F32", "4", 0, 16) + "}", new byte[16]);
        assertTensorRejected(file, "w", "'shape' must be an array");
    }

    @Test
    void shapeWhoseByteCountOverflows() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("overflow.safetensors"),
                "{" + entry("w", "F32", "[4294967296,4294967296]", 0, 0) + "}", new byte[0]);
        assertTensorRejected(file, "w", "more bytes than a 64-bit count can hold");
    }

    @Test
    void offsetsNotAPair() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("pair.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", f32(1f));
        assertTensorRejected(file, "w", "'data_offsets' must be an array of two integers");
    }

    @Test
    void offsetsBeginAfterEnd() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("reversed.safetensors"),
                "{" + entry("w", "F32", "[1]", 8, 4) + "}", new byte[8]);
        assertTensorRejected(file, "w", "data_offsets [8, 4] begin after they end");
    }

    @Test
    void offsetsPastTheData() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("beyond.safetensors"),
                "{" + entry("w", "F32", "[2]", 0, 8) + "}", f32(1f));
        assertTensorRejected(file, "w", "run past the end of the data section, which has 4 bytes");
    }

    @Test
    void byteCountNotMatchingShapeAndDtype() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("count.safetensors"),
                "{" + entry("w", "F32", "[3]", 0, 8) + "}", f32(1f, 2f));
        assertTensorRejected(file, "w", "span 8 bytes, but dtype F32 with shape [3] needs 12");
    }

    // --- the layout of the data section ---

    @Test
    void overlappingTensors() throws Exception {
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
        Path file = RawSafetensors.write(folder.resolve("overlap.safetensors"), header, f32(1f, 2f, 3f));
        assertTensorRejected(file, "b", "overlap tensor 'a', which ends at 8");
    }

    @Test
    void gapBetweenTensors() throws Exception {
        String header = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        Path file = RawSafetensors.write(folder.resolve("gap.safetensors"), header, f32(1f, 2f, 3f));
        assertTensorRejected(file, "b", "leave bytes [4, 8) of the data section unused");
    }

    @Test
    void bytesAfterTheLastTensor() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("tail.safetensors"),
                "{" + entry("a", "F32", "[1]", 0, 4) + "}", f32(1f, 2f));
        assertFileRejected(file, "data section has 8 bytes but the tensors cover only the first 4");
    }

    // --- after opening ---

    @Test
    void fileTruncatedAfterOpening() throws Exception {
        Path file = RawSafetensors.write(folder.resolve("shrinking.safetensors"),
                "{" + entry("a", "F32", "[2]", 0, 8) + "}", f32(1f, 2f));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(Files.size(file) - 2);
            }
            CheckpointFormatException e = catchThrowableOfType(CheckpointFormatException.class,
                    () -> st.readFloats("a"));
            assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining("file ended at byte");
            assertThat(e.tensor()).contains("a");
        }
    }

    @Test
    void unknownTensorNameAndWrongReadKind() throws Exception {
        String header = "{" + entry("ids", "I64", "[1]", 0, 8) + "," + entry("w", "F32", "[1]", 8, 12) + "}";
        Path file = RawSafetensors.write(folder.resolve("kinds.safetensors"), header,
                RawSafetensors.concat(RawSafetensors.i64(5), f32(1f)));
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            MissingTensorException missing = catchThrowableOfType(MissingTensorException.class,
                    () -> st.read("nope", manager));
            assertThat(missing).hasMessageContaining(file.toString()).hasMessageContaining("tensor 'nope'");
            assertThat(missing.file()).isEqualTo(file);

            assertThatThrownBy(() -> st.readFloats("ids"))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("tensor 'ids'")
                    .hasMessageContaining("dtype I64");
            assertThatThrownBy(() -> st.readLongs("w"))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("tensor 'w'")
                    .hasMessageContaining("dtype F32");
            // The engine aborts the JVM on bfloat16 arrays; the reader must refuse before that.
            assertThatThrownBy(() -> st.read("w", manager, DataType.BFLOAT16))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'w'")
                    .hasMessageContaining("BFLOAT16");
        }
    }

    @Test
    void aFolderIsNotASafetensorsFile() {
        assertThatThrownBy(() -> SafetensorsFile.open(folder))
                .isInstanceOf(IOException.class)
                .hasMessage(folder + ": is a directory, not a file");
    }

    private static void assertFileRejected(Path file, String problem) {
        CheckpointFormatException e = catchThrowableOfType(CheckpointFormatException.class,
                () -> SafetensorsFile.open(file).close());
        assertThat(e).as("opening %s", file).isNotNull();
        assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining(problem);
        assertThat(e.file()).isEqualTo(file);
    }

    private static void assertTensorRejected(Path file, String tensor, String problem) {
        CheckpointFormatException e = catchThrowableOfType(CheckpointFormatException.class,
                () -> SafetensorsFile.open(file).close());
        assertThat(e).as("opening %s", file).isNotNull();
        assertThat(e).hasMessageContaining(file.toString())
                .hasMessageContaining("tensor '" + tensor + "'")
                .hasMessageContaining(problem);
        assertThat(e.tensor()).contains(tensor);
    }
}
