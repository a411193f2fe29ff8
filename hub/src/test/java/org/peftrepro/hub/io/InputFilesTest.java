package org.peftrepro.hub.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path folder;

    @Test
    void aFileAndALinkToOnePass() throws IOException {
        Path file = Files.writeString(folder.resolve("config.json"), "{}");
        Path link = Files.createSymbolicLink(folder.resolve("link.json"), file);

        assertThatCode(() -> InputFiles.requireFile(file, null)).doesNotThrowAnyException();
        assertThatCode(() -> InputFiles.requireFile(link, null)).doesNotThrowAnyException();
    }

    @Test
    void aDirectorySaysItIsOneAndWhyAFileWasNeeded() throws IOException {
        Path dir = Files.createDirectory(folder.resolve("config.json"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> InputFiles.requireFile(dir, "a model folder needs a config.json"));

        assertThat(e).isNotInstanceOf(NoSuchFileException.class);
        assertThat(e.getMessage()).isEqualTo(dir + ": is a directory, not a file (a model folder needs a config.json)");
    }

    @Test
    void aDanglingLinkNamesWhereItPoints() throws IOException {
        Path link = Files.createSymbolicLink(folder.resolve("model.safetensors"), folder.resolve("gone.safetensors"));

        assertThat(catchThrowableOfType(NoSuchFileException.class, () -> InputFiles.requireFile(link, null)))
                .hasMessage(link + ": no such file (a link to " + folder.resolve("gone.safetensors")
                        + ", which does not exist)");
    }
}
