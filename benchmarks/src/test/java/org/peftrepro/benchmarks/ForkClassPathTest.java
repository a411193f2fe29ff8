package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkClassPathTest {

    @Test
    void theLoadersUrlsComeFirstThenThisVmsClassPath(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            String[] entries = ForkClassPath.of(loader).split(File.pathSeparator);
            assertThat(entries[0]).isEqualTo(dir.toString());
            assertThat(Arrays.asList(entries)).containsAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        }
    }

    @Test
    void theClassPathPropertyIsRestoredAfterTheRun() {
        String before = System.getProperty("java.class.path");
        String seen = ForkClassPath.with("/somewhere/else.jar", () -> System.getProperty("java.class.path"));
        assertThat(seen).isEqualTo("/somewhere/else.jar");
        assertThat(System.getProperty("java.class.path")).isEqualTo(before);
    }
}
