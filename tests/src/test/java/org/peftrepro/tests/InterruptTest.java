package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;

/**
 * SIGTERM (or Ctrl-C) during a table run stops it at the next training step: the process exits with 130 and says
 * how to go on, no JVM crash file is left, every record written is whole, and the same command started again
 * finishes the table.
 */
class InterruptTest {
    @TempDir
    Path temp;

    @Test
    void aTerminatedTableRunStopsCleanlyAndResumes() throws Exception {
        Path data = SmokeTasks.generate(temp.resolve("glue"), 5, new SmokeScale(48, 24)).folder();
        Path out = temp.resolve("out");
        Path work = Files.createDirectories(temp.resolve("work"));
        String[] args = {"table1", "--scale", "quick", "--model", Fixtures.folder("roberta-tiny").toString(),
            "--data-dir", data.toString(), "--tasks", "sst2,rte", "--methods", "lora,bitfit", "--epochs", "8",
            "--max-length", "32", "--out", out.toString()};

        Process child = new ProcessBuilder(ChildJvm.command(args)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile()).start();
        Path runs = out.resolve("runs");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (recordCount(runs) < 1 && child.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(temp.resolve("child.log"));

        assertThat(child.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("SIGTERM: stopping at the next training step").contains("run the same command again");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
        RunStore.StoreContents contents = new RunStore(runs).scan();
        assertThat(contents.skipped()).as("no partial record").isEmpty();
        int before = contents.records().size();
        assertThat(before).isBetween(1, 3);

        Process again = new ProcessBuilder(ChildJvm.command(args)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("again.log").toFile()).start();
        assertThat(again.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(temp.resolve("again.log"))).isZero();
        List<RunRecord> records = new RunStore(runs).scan().records();
        assertThat(records).hasSize(4).allMatch(RunRecord::succeeded);
        assertThat(Files.readString(temp.resolve("again.log"))).contains("recorded, skipped");
    }

    private static int recordCount(Path runs) throws Exception {
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(runs)) {
            return (int) files.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
