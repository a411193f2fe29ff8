package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.cli.Main;

/**
 * {@code djl-cache}, as far as it goes without the network: a cache that holds libtorch gets DJL's JNI beside it,
 * and a download refused while DJL's CPU libtorch is on the class path says what to do.
 */
class DjlCacheCommandTest {
    @TempDir
    Path cache;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aCacheThatHoldsLibtorchGetsTheJniDjlWouldOtherwiseWriteOnTheNodes() throws Exception {
        Path libtorch = Files.createDirectories(cache.resolve("pytorch/2.7.1-cu128-linux-x86_64"));
        Files.createFile(libtorch.resolve("libtorch.so"));

        assertThat(run("djl-cache", "--dir", cache.toString())).as(err.toString()).isZero();

        Path jni = libtorch.resolve("0.35.1-libdjl_torch.so");
        try (InputStream bundled = getClass().getClassLoader().getResourceAsStream("jnilib/linux-x86_64/cu128/libdjl_torch.so")) {
            assertThat(Files.readAllBytes(jni)).isEqualTo(bundled.readAllBytes());
        }
        assertThat(out.toString()).startsWith("Found libtorch 2.7.1 cu128 in " + libtorch + ", with DJL's JNI for it.\n")
                .contains("  export DJL_CACHE_DIR=" + cache + "\n", "  export PYTORCH_FLAVOR=cu128\n",
                        "  export DJL_OFFLINE=true\n");
    }

    @Test
    void withTheCpuLibtorchOnTheClassPathItSaysToLeaveItOut() {
        assertThat(run("djl-cache", "--dir", cache.toString())).isEqualTo(1);

        assertThat(err.toString()).startsWith("error: DJL's CPU libtorch is on the class path, and DJL would use it rather"
                + " than download libtorch cu128: run without it (mvn -Dgpu ...)");
        assertThat(cache).isEmptyDirectory();
    }
}
