package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes started at once on one results folder run every run of a plan exactly once, and a worker
 * killed in the middle of a run loses nothing: its run is taken over once its claim goes stale.
 */
class WorkersOnOneFolderTest {
    private static final int RUNS = 40;

    @TempDir
    Path temp;

    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(Process::destroyForcibly);
    }

    private Path results() {
        return temp.resolve("results");
    }

    private Process startWorker(String id, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--results", results().toString(), "--runs", String.valueOf(RUNS),
                "--sleep-ms", "50", "--heartbeat-ms", "250", "--stale-ms", "5000", "--worker-id", id));
        args.addAll(List.of(extra));
        Process worker = new ProcessBuilder(ChildJvm.main(FakePlanWorker.class, FakePlanWorker.JVM_OPTIONS,
                args.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(log(id).toFile()).start();
        workers.add(worker);
        return worker;
    }

    private Path log(String id) {
        return temp.resolve(id + ".log");
    }

    private String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int w = 0; w < workers.size(); w++) {
            Path log = log("w" + w);
            if (Files.exists(log)) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    private void awaitExit(Process worker, String id) throws Exception {
        assertThat(worker.waitFor(90, TimeUnit.SECONDS)).as("%s finished; logs:%n%s", id, logs()).isTrue();
        assertThat(worker.exitValue()).as("exit of %s; logs:%n%s", id, logs()).isZero();
    }

    private void runWorkers(int count) throws Exception {
        for (int w = 0; w < count; w++) {
            startWorker("w" + w);
        }
        for (int w = 0; w < count; w++) {
            awaitExit(workers.get(w), "w" + w);
        }
        FakePlanResults results = FakePlanResults.read(results());
        assertThat(results.recordedBy().keySet()).as(logs()).containsExactlyElementsOf(FakePlanWorker.ids(RUNS));
        assertThat(results.executions()).as("executions per run").hasSize(RUNS)
                .allSatisfy((runId, by) -> assertThat(by).as(runId).hasSize(1));
        assertThat(results.claimFiles()).as("claims left behind").isEmpty();
    }

    @Test
    void twoWorkersRunEveryRunOnce() throws Exception {
        runWorkers(2);
    }

    @Test
    void fourWorkersRunEveryRunOnce() throws Exception {
        runWorkers(4);
    }

    @Test
    void theRunOfAKilledWorkerIsTakenOverAfterTheTimeout() throws Exception {
        Process victim = startWorker("w0", "--hang-in-run", "2");
        for (int w = 1; w < 4; w++) {
            startWorker("w" + w);
        }
        // Killed in the middle of its second run: its marker is there, its record never will be.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (executionsOf("w0") < 2) {
            assertThat(Instant.now()).as("w0 reached its second run; logs:%n%s", logs()).isBefore(deadline);
            Thread.sleep(20);
        }
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (int w = 1; w < 4; w++) {
            awaitExit(workers.get(w), "w" + w);
        }

        FakePlanResults results = FakePlanResults.read(results());
        assertThat(results.recordedBy().keySet()).as(logs()).containsExactlyElementsOf(FakePlanWorker.ids(RUNS));
        List<String> interrupted = results.executions().entrySet().stream()
                .filter(e -> e.getValue().size() > 1).map(e -> e.getKey()).toList();
        assertThat(interrupted).as("runs started twice; logs:%n%s", logs()).hasSize(1);
        String runId = interrupted.get(0);
        assertThat(results.executions().get(runId)).hasSize(2).contains("w0");
        assertThat(results.recordedBy().get(runId)).isNotEqualTo("w0");
        assertThat(results.executions()).allSatisfy((id, by) -> assertThat(by).as(id).hasSize(id.equals(runId) ? 2 : 1));
        assertThat(logs()).contains(runId + ": taken over from w0");
        assertThat(results.claimFiles()).as("claims left behind").isEmpty();
    }

    private long executionsOf(String workerId) throws Exception {
        return FakePlanResults.read(results()).executions().values().stream()
                .flatMap(List::stream).filter(workerId::equals).count();
    }
}
