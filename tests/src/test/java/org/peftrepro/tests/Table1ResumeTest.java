package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;
import org.peftrepro.datasets.Scale;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.RunConfig;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;

/**
 * A table run killed part-way (SIGKILL, no chance to clean up) and started again finishes with every result
 * exactly once, none corrupt, and does not redo the runs already recorded. It runs on a checkpoint folder and a
 * GLUE folder (TSV layout) the suite did not make.
 */
class Table1ResumeTest {
    @TempDir
    Path temp;

    private static final List<String> METHODS = List.of("lora", "bitfit");
    private static final List<GlueTask> TASKS = List.of(GlueTask.SST2, GlueTask.RTE);

    private String[] args(Path data, Path out) {
        return new String[] {"table1", "--scale", "quick", "--model", Fixtures.folder("roberta-tiny").toString(),
            "--data-dir", data.toString(), "--tasks", "sst2,rte", "--methods", String.join(",", METHODS),
            "--epochs", "1", "--max-length", "32", "--max-train-examples", "48", "--out", out.toString()};
    }

    @Test
    void aKilledRunStartedAgainFinishesEveryRunOnce() throws Exception {
        Path data = SmokeTasks.generate(temp.resolve("glue"), 5, new SmokeScale(48, 24)).folder();
        Path out = temp.resolve("out");
        Path runs = out.resolve("runs");

        Process child = new ProcessBuilder(ChildJvm.command(args(data, out))).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (recordCount(runs) < 1 && child.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int before = recordCount(runs);
        assertThat(before).as(Files.readString(temp.resolve("child.log"))).isBetween(1, 3);

        List<String> executed = new ArrayList<>();
        ProgressListener counting = new ProgressListener() {
            @Override
            public void runStarted(RunConfig config, long totalSteps) {
                executed.add(config.runId());
            }
        };
        TableOptions options = TableOptions.builder(Scale.QUICK, TASKS, METHODS)
                .model(Fixtures.folder("roberta-tiny").toString()).dataFolder(data).out(out)
                .overrides(new HyperparameterOverrides(1, null, 32, null, 48)).build();
        List<RunRecord> records = new Table1(MethodRegistry.load(), new StopSignal()).run(options, counting).records();

        RunStore.StoreContents contents = new RunStore(runs).scan();
        assertThat(contents.skipped()).as("no corrupt or partial record").isEmpty();
        assertThat(contents.records()).hasSize(4);
        assertThat(contents.records().stream().map(RunRecord::runId).distinct()).hasSize(4);
        assertThat(contents.records()).allMatch(RunRecord::succeeded);
        assertThat(executed).as("only the runs not recorded before the kill").hasSize(4 - before);
        assertThat(records).hasSize(4);
        assertThat(out.resolve("table1.md")).exists();
        assertThat(out.resolve("table1.html")).exists();
        try (Stream<Path> files = Files.list(runs)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json"));
        }
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
