package org.peftrepro.hub.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and folders appear whole or not at all, and a failure leaves the old content and no leftovers. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReplacedAndNoTemporaryFileStays() throws IOException {
        Path file = dir.resolve("sub/record.json");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");

        assertThat(file).hasContent("second");
        assertThat(namesIn(file.getParent())).containsExactly("record.json");
    }

    @Test
    void aFailedWriteKeepsTheOldContentNamesTheFileAndLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("weights.bin");
        AtomicFiles.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFiles.write(file, channel -> {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("No space left on device");
        assertThat(file).hasContent("old");
        assertThat(namesIn(dir)).containsExactly("weights.bin");
    }

    @Test
    void anExceptionOfTheContentReachesTheCallerAsItIs() {
        Path file = dir.resolve("t.bin");
        IllegalArgumentException bad = new IllegalArgumentException("unsupported type");

        assertThatThrownBy(() -> AtomicFiles.write(file, channel -> {
            throw bad;
        })).isSameAs(bad);
        assertThat(namesIn(dir)).isEmpty();
    }

    @Test
    void aNewFolderAppearsWithAllItsFiles() throws IOException {
        Path folder = dir.resolve("data");
        Files.createDirectory(folder); // an empty folder may be taken

        AtomicFiles.writeFolder(folder, fresh -> {
            Files.writeString(fresh.resolve("a.txt"), "a");
            Files.createDirectories(fresh.resolve("b")).resolve("c.txt").toFile().createNewFile();
        });

        assertThat(namesIn(folder)).containsExactlyInAnyOrder("a.txt", "b");
        assertThat(namesIn(dir)).containsExactly("data");
    }

    @Test
    void aNewFolderIsNeverWrittenOverAnotherOne() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("data"));
        Files.writeString(folder.resolve("mine.txt"), "keep");

        assertThatThrownBy(() -> AtomicFiles.writeFolder(folder, fresh -> Files.writeString(fresh.resolve("x"), "x")))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        assertThat(namesIn(folder)).containsExactly("mine.txt");
        assertThat(namesIn(dir)).containsExactly("data");
    }

    @Test
    void aFailedFolderLeavesNoHalfWrittenFolder() {
        Path folder = dir.resolve("model");

        assertThatThrownBy(() -> AtomicFiles.writeFolder(folder, fresh -> {
            Files.writeString(fresh.resolve("config.json"), "{}");
            throw new IOException("killed half-way");
        })).hasMessage("killed half-way");
        assertThat(namesIn(dir)).isEmpty();
    }

    @Test
    void aMarkedFolderIsReplacedAsAWholeAnUnmarkedOneIsNot() throws IOException {
        Path adapter = Files.createDirectories(dir.resolve("adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "old");
        Files.writeString(adapter.resolve("stale.bin"), "old");

        AtomicFiles.replaceFolder(adapter, "adapter_config.json",
                fresh -> Files.writeString(fresh.resolve("adapter_config.json"), "new"));

        assertThat(namesIn(adapter)).containsExactly("adapter_config.json");
        assertThat(adapter.resolve("adapter_config.json")).hasContent("new");
        assertThat(namesIn(dir)).containsExactly("adapter");

        Path unrelated = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(unrelated.resolve("cat.jpg"), "meow");
        assertThatThrownBy(() -> AtomicFiles.replaceFolder(unrelated, "adapter_config.json", fresh -> {}))
                .hasMessageContaining("holds no adapter_config.json; not replaced");
        assertThat(namesIn(unrelated)).containsExactly("cat.jpg");
    }

    @Test
    void aFailedReplacementKeepsTheOldFolder() throws IOException {
        Path adapter = Files.createDirectories(dir.resolve("adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "old");

        assertThatThrownBy(() -> AtomicFiles.replaceFolder(adapter, "adapter_config.json", fresh -> {
            Files.writeString(fresh.resolve("adapter_config.json"), "new");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(adapter.resolve("adapter_config.json")).hasContent("old");
        assertThat(namesIn(dir)).containsExactly("adapter");
    }

    @Test
    void aRecursiveDeleteRemovesATreeAndNotWhatALinkPointsTo() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f.txt"), "x");
        Files.createSymbolicLink(dir.resolve("tree/link"), outside);

        AtomicFiles.deleteRecursively(dir.resolve("tree"));
        AtomicFiles.deleteRecursively(dir.resolve("tree")); // gone already: nothing to do

        assertThat(dir.resolve("tree")).doesNotExist();
        assertThat(outside.resolve("precious.txt")).hasContent("keep");
    }

    private static java.util.List<String> namesIn(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
