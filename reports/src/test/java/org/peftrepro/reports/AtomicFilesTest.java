package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write names the file it was writing. */
class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void writesTheWholeContent() throws IOException {
        Path target = folder.resolve("a/b/table1.md");

        AtomicFiles.writeString(target, "| x |\n");

        assertThat(target).hasContent("| x |");
    }

    @Test
    void aParentFolderThatCannotBeMadeNamesTheFileBeingWritten() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("runs"), "a file");
        Path target = notAFolder.resolve("lora-rte-seed1.json");

        assertThatThrownBy(() -> AtomicFiles.writeString(target, "{}"))
                .hasMessageStartingWith("Could not write " + target.toAbsolutePath() + ": ");
    }
}
