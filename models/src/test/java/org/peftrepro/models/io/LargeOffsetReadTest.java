package org.peftrepro.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peftrepro.models.io.RawSafetensors.entry;
import static org.peftrepro.models.io.RawSafetensors.f32;
import static org.peftrepro.models.io.RawSafetensors.u64;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tensor whose data starts past 2 GiB, where int offsets and whole-file byte arrays break. The
 * file is sparse (its length is set, not written), so it costs no disk space.
 */
class LargeOffsetReadTest {

    /** 2^31 + 8: past Integer.MAX_VALUE, and a multiple of 4 so the F32 tail stays aligned. */
    private static final long PADDING_BYTES = (1L << 31) + 8;

    @TempDir
    Path folder;

    @Test
    void readsATensorStoredPastTwoGibibytes() throws Exception {
        Path file = writeSparseFile(folder.resolve("large.safetensors"));

        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            TensorEntry tail = st.entry("tail");
            assertThat(tail.dataBegin()).isEqualTo(PADDING_BYTES).isGreaterThan(Integer.MAX_VALUE);
            assertThat(st.readFloats("tail")).containsExactly(1.5f, -2f, 0.001f);
            try (NDArray array = st.read("tail", manager)) {
                assertThat(array.getShape()).isEqualTo(new Shape(3));
                assertThat(array.toFloatArray()).containsExactly(1.5f, -2f, 0.001f);
            }

            // The 2 GiB padding tensor itself is too big for one Java array or buffer: a clear error, not a crash.
            assertThatThrownBy(() -> st.readLongs("padding"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'padding'")
                    .hasMessageContaining("more than a Java array can hold");
            assertThatThrownBy(() -> st.read("padding", manager))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'padding'")
                    .hasMessageContaining("more than one NDArray buffer can take");
        }
    }

    private static Path writeSparseFile(Path file) throws IOException {
        String header = "{" + entry("padding", "U8", "[" + PADDING_BYTES + "]", 0, PADDING_BYTES) + ","
                + entry("tail", "F32", "[3]", PADDING_BYTES, PADDING_BYTES + 12) + "}";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        long dataStart = 8 + headerBytes.length;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(u64(headerBytes.length));
            raf.write(headerBytes);
            raf.setLength(dataStart + PADDING_BYTES + 12);
            raf.seek(dataStart + PADDING_BYTES);
            raf.write(f32(1.5f, -2f, 0.001f));
        }
        return file;
    }
}
