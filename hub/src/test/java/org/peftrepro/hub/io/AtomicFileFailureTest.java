package org.peftrepro.hub.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write names the file it was writing, and leaves nothing behind. */
class AtomicFileFailureTest {
    @TempDir
    Path folder;

    @Test
    void aFullDiskNamesTheFileBeingWritten() throws IOException {
        Path target = folder.resolve("out.safetensors");

        // What FileChannel.write throws on a full file system: the JDK's message names no file.
        assertThatThrownBy(() -> AtomicFiles.write(target, channel -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessage("Could not write " + target.toAbsolutePath() + ": No space left on device");
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void aParentFolderThatCannotBeMadeNamesTheFileBeingWritten() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("runs"), "a file");
        Path target = notAFolder.resolve("out.safetensors");

        assertThatThrownBy(() -> AtomicFiles.write(target, channel -> { }))
                .hasMessageStartingWith("Could not write " + target.toAbsolutePath() + ": ");
    }
}
