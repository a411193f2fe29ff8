package org.peftrepro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.hub.io.MalformedTextException;

/** Errors say what is wrong, not something near it. */
class ErrorMessagesTest {

    private record Run(int exitCode, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    @Test
    void aNumberTooLargeForAnIntOptionSaysSoRatherThanNotAnInt() {
        Run run = run("table1", "--epochs", "99999999999");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--epochs': '99999999999' is too large: at most"
                + " 2147483647 (a 32-bit integer)");
    }

    @Test
    void textThatIsNoNumberStillSaysSo() {
        Run run = run("bench", "--threads", "two");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--threads': 'two' is not an integer");
    }

    @Test
    void aSeedTooLargeForALongSaysSo() {
        Run run = run("table1", "--seeds", "99999999999999999999");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'99999999999999999999' is too large: at most 9223372036854775807 (a 64-bit"
                + " integer)");
    }

    @Test
    void aFileSystemErrorWithoutAReasonSaysWhatHappenedNotJustThePath() {
        assertThat(Main.describe(new NoSuchFileException("in.safetensors")))
                .isEqualTo("in.safetensors: no such file or directory");
        assertThat(Main.describe(new AccessDeniedException("results/runs")))
                .isEqualTo("results/runs: permission denied");
        assertThat(Main.describe(new NoSuchFileException("config.json", null, "no such file (a model folder needs"
                + " a config.json)"))).isEqualTo("config.json: no such file (a model folder needs a config.json)");
    }

    @Test
    void aWrapperThatHidesItsCauseShowsIt() {
        MalformedTextException cause = new MalformedTextException("table1.json", 5, 1, "not valid JSON: more content",
                null);

        assertThat(Main.describe(new UncheckedIOException("table1.json: cannot be read", cause)))
                .isEqualTo("table1.json: cannot be read: table1.json: not valid JSON (line 5, column 1): more content");
        assertThat(Main.describe(new UncheckedIOException("--model x: " + cause.getMessage(), cause)))
                .isEqualTo("--model x: " + cause.getMessage());
    }

    @Test
    void aFileWhereTheResultsFolderBelongsIsNotCalledMissing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("table1.md"), "| a |");

        Run run = run("report", "--results", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: --results " + file + ": is a file, not a folder of run records\n");
    }
}
