package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes asking for the smoke assets at once both finish with one set of them: the second waits for the
 * first under the cache's lock and uses what it made. Leftovers of a killed build are removed.
 */
class SmokeAssetsLockTest {
    @TempDir
    Path temp;

    @Test
    void twoProcessesAtOnceMakeOneSetOfAssets() throws Exception {
        Path cache = temp.resolve("assets");
        Files.createDirectories(cache.resolve(".smoke-model-seed17-mlm40-cpu2t.0b5e1c2a.tmp/"));
        Files.writeString(cache.resolve(".smoke-model-seed17-mlm40-cpu2t.0b5e1c2a.tmp/model.safetensors"), "cut short");

        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> command = new ArrayList<>(ChildJvm.command());
            command.set(command.indexOf("org.peftrepro.cli.Main"), SmokeAssetsChild.class.getName());
            command.addAll(List.of(cache.toString(), "40"));
            children.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("child" + i + ".log").toFile()).start());
        }
        for (int i = 0; i < 2; i++) {
            assertThat(children.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(children.get(i).exitValue()).as(Files.readString(temp.resolve("child" + i + ".log"))).isZero();
        }
        List<String> logs = List.of(Files.readString(temp.resolve("child0.log")), Files.readString(temp.resolve("child1.log")));
        assertThat(logs).allSatisfy(log -> assertThat(log).contains("model " + cache.resolve("smoke-model-seed17-mlm40-")));
        assertThat(logs.stream().filter(l -> l.contains("pretraining the tiny smoke model"))).as("pretrained once").hasSize(1);
        try (Stream<Path> entries = Files.list(cache)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).as("one set of assets, no leftovers").hasSize(3)
                    .contains(".lock", "smoke-data-seed17").anyMatch(n -> n.startsWith("smoke-model-seed17-mlm40-"));
        }
    }

}
