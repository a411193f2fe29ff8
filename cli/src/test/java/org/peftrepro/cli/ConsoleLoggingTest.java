package org.peftrepro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** libtorch writes its C++ warnings to the process's stderr itself: they must be silenced in a fresh process. */
class ConsoleLoggingTest {
    /** What a command does in its own process: configure, start libtorch, then load weights with NDArray.set. */
    public static void main(String[] args) {
        ConsoleLogging.configure(Boolean.parseBoolean(args[0]));
        ConsoleLogging.quietLibtorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.zeros(new Shape(2, 2));
            weight.set(new float[] {1, 2, 3, 4}); // makes libtorch warn that AutoNonVariableTypeMode is deprecated
            System.out.println("loaded " + weight.sum().getFloat());
        }
    }

    @Test
    void libtorchsWarningsAppearOnlyWhenVerbose() throws Exception {
        String quiet = runProbe(false);
        String verbose = runProbe(true);

        assertThat(quiet).isEqualTo("loaded 10.0\n");
        assertThat(verbose).contains("AutoNonVariableTypeMode").contains("ai.djl").contains("loaded 10.0");
    }

    private static String runProbe(boolean verbose) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ConsoleLoggingTest.class.getName(), Boolean.toString(verbose));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        return output;
    }
}
