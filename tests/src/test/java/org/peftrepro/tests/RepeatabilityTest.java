package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.cli.Main;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.reports.EpochResult;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;
import org.peftrepro.reproduce.engine.CpuThreads;

/**
 * Seeds make a CPU run repeatable number for number: the same table run in two fresh JVMs, and once more
 * inside this one after whatever ran before it, gives every epoch's training loss and every dev metric
 * bit for bit. The methods cover dropout in training, a head with its own learning rate, cross-layer
 * paths (Lily) and a method event between epochs (a LoR2C merge, after which the optimizer is re-keyed).
 */
class RepeatabilityTest {
    @TempDir
    Path temp;

    private Path data;

    @BeforeEach
    void smokeTasks() throws Exception {
        data = SmokeTasks.generate(temp.resolve("glue"), 5, new SmokeScale(64, 32)).folder();
    }

    private String[] table(String tasks, String methods, Path out, String... extra) {
        return Stream.concat(Stream.of("table1", "--scale", "quick", "--model",
                Fixtures.folder("roberta-tiny").toString(), "--data-dir", data.toString(), "--tasks", tasks,
                "--methods", methods, "--epochs", "3", "--max-length", "32",
                "--max-train-examples", "64", "--out", out.toString()), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void theSameTableInThreeProcessesGivesTheSameNumbers() throws Exception {
        String methods = "lora,adapter-houlsby,lily,merge-lor2c";
        String merge = "merge-lor2c.merges=1"; // a --set for a method that is not selected is an error
        Map<String, List<EpochResult>> first = runInFreshJvm(List.of(),
                table("rte,stsb", methods, temp.resolve("a"), "--set", merge));
        Map<String, List<EpochResult>> second = runInFreshJvm(List.of(),
                table("rte,stsb", methods, temp.resolve("b"), "--set", merge));
        Map<String, List<EpochResult>> here = runHere(table("rte,stsb", methods, temp.resolve("c"), "--set", merge));

        assertThat(first).hasSize(8);
        assertThat(first.values()).allSatisfy(epochs -> assertThat(epochs).hasSize(3));
        assertThat(first.values().stream().flatMap(List::stream).map(EpochResult::trainLoss).distinct())
                .as("the runs train (losses differ between runs and epochs)").hasSizeGreaterThan(20);
        assertThat(second).as("a second fresh JVM").isEqualTo(first);
        assertThat(here).as("a JVM that ran other tests before").isEqualTo(first);
        List<RunRecord> records = recordsOf(temp.resolve("c"));
        assertThat(records).allSatisfy(r -> assertThat(r.config()).containsEntry("cpuThreads", CpuThreads.current()));
        assertThat(records).filteredOn(r -> r.method().equals("merge-lor2c")).hasSize(2)
                .allSatisfy(r -> assertThat(r.trainableParamsAtEnd()).as("merged between epochs")
                        .isLessThan(r.trainableParamsAtStart()));
    }

    /**
     * {@code --threads} is how a run made on a machine with another core count is repeated. (On a model this
     * small libtorch does not split the work, so the count leaves the numbers alone; the records show that the
     * count took effect.)
     */
    @Test
    void threadsOptionSetsTheCountForItsRunsOnly() throws Exception {
        int before = CpuThreads.current();
        Map<String, List<EpochResult>> started = runInFreshJvm(List.of("-Dai.djl.pytorch.num_threads=1"),
                table("rte", "lora,adapter-houlsby", temp.resolve("a")));
        Map<String, List<EpochResult>> set = runHere(table("rte", "lora,adapter-houlsby", temp.resolve("b"),
                "--threads", "1"));

        assertThat(set).hasSize(2).isEqualTo(started);
        assertThat(recordsOf(temp.resolve("b"))).allSatisfy(r -> assertThat(r.config()).containsEntry("cpuThreads", 1));
        assertThat(CpuThreads.current()).as("the process keeps its own count after the command").isEqualTo(before);
    }

    private Map<String, List<EpochResult>> runInFreshJvm(List<String> jvmOptions, String[] args) throws Exception {
        Path log = temp.resolve("child-" + System.nanoTime() + ".log");
        Process child = new ProcessBuilder(ChildJvm.command(jvmOptions, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isZero();
        return epochsByRun(outOf(args));
    }

    private static Map<String, List<EpochResult>> runHere(String[] args) throws Exception {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return epochsByRun(outOf(args));
    }

    private static Path outOf(String[] args) {
        return Path.of(args[List.of(args).indexOf("--out") + 1]);
    }

    private static List<RunRecord> recordsOf(Path out) throws Exception {
        RunStore.StoreContents contents = new RunStore(out.resolve("runs")).scan();
        assertThat(contents.skipped()).isEmpty();
        assertThat(contents.records()).allMatch(RunRecord::succeeded);
        return contents.records();
    }

    /** Per run: its epochs without their wall-clock times (the only field that may differ). */
    private static Map<String, List<EpochResult>> epochsByRun(Path out) throws Exception {
        Function<RunRecord, List<EpochResult>> epochs = r -> r.epochs().stream()
                .map(e -> new EpochResult(e.epoch(), e.trainLoss(), e.metrics(), null)).toList();
        return recordsOf(out).stream()
                .collect(Collectors.toMap(RunRecord::runId, epochs, (x, y) -> x, TreeMap::new));
    }
}
