package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees in a terminal: the suite's lines, not DJL's (engine threads, GPU detection) unless --verbose. */
class ConsoleOutputTest {
    @TempDir
    Path temp;

    @Test
    void aForwardPassPrintsTheSuitesLinesOnly() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        Path output = temp.resolve("out.safetensors");
        List<String> args = List.of("forward", "--model", folder.toString(), "--input",
                folder.resolve("expected.safetensors").toString(), "--output", output.toString());

        assertThat(runInFreshJvm(args))
                .containsExactly(folder + ": 57 tensors loaded", "wrote 7 tensors to " + output);
    }

    @Test
    void verboseAddsDjlsLines() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        List<String> args = new ArrayList<>(List.of("forward", "--model", folder.toString(), "--input",
                folder.resolve("expected.safetensors").toString(), "--output", temp.resolve("out.safetensors").toString()));
        args.add("--verbose");

        assertThat(runInFreshJvm(args)).anyMatch(line -> line.contains("ai.djl.pytorch.engine.PtEngine"))
                .contains(folder + ": 57 tensors loaded");
    }

    @Test
    void anErrorIsOneLineAndAHint() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        Path missing = temp.resolve("absent.safetensors");
        List<String> args = List.of("forward", "--model", folder.toString(), "--input", missing.toString(),
                "--output", temp.resolve("out.safetensors").toString());

        assertThat(runInFreshJvm(args, 1)).containsExactly("error: " + missing + ": no such file",
                "(run with --verbose for the stack trace)");
    }

    private List<String> runInFreshJvm(List<String> args) throws Exception {
        return runInFreshJvm(args, 0);
    }

    /** stdout and stderr of the command line in a JVM of its own, which must exit with {@code exitCode}. */
    private List<String> runInFreshJvm(List<String> args, int exitCode) throws Exception {
        Path log = temp.resolve("child-" + System.nanoTime() + ".log");
        Process child = new ProcessBuilder(ChildJvm.command(args.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("child finished").isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(exitCode);
        return Files.readAllLines(log);
    }
}
