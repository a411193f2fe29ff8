package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.reproduce.cluster.SlurmOptions;
import org.peftrepro.reproduce.cluster.SlurmScript;
import org.peftrepro.reproduce.cluster.SlurmSubmitter;

/**
 * The generated scripts on a real Slurm ({@link LocalSlurm}): a job array of workers of a fake plan runs every run
 * once and the report job runs after it; a second submission runs only the runs without a record.
 */
class SlurmArrayTest {
    private static final int RUNS = 40;
    private static final Duration JOBS_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path slurmFolder;

    private static LocalSlurm slurm;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSlurm() throws Exception {
        slurm = LocalSlurm.start(slurmFolder);
    }

    @AfterAll
    static void stopSlurm() throws Exception {
        if (slurm != null) {
            slurm.close();
        }
    }

    private SlurmScript script(Path results, SlurmOptions options) {
        List<String> worker = ChildJvm.main(FakePlanWorker.class, FakePlanWorker.JVM_OPTIONS, "--results", results.toString(),
                "--runs", String.valueOf(RUNS), "--sleep-ms", "50", "--heartbeat-ms", "250", "--stale-ms", "5000");
        // The report job counts the records it finds: all of them, if it ran after every worker.
        List<String> report = List.of("sh", "-c", "ls " + results.resolve("runs") + " | wc -l > " + results.resolve("report.txt"));
        return new SlurmScript(options, results, temp, null, worker, report);
    }

    private static boolean isRecorded(Path results, String runId) {
        return Files.exists(FakePlanWorker.record(results, runId));
    }

    private void assertAllEndedWell(SlurmSubmitter.JobIds ids, int tasks) throws Exception {
        List<Map<String, String>> workers = slurm.jobs(ids.workers());
        assertThat(workers).as("array tasks").hasSize(tasks).allSatisfy(task -> {
            assertThat(task.get("JobState")).as("task %s", task.get("ArrayTaskId")).isEqualTo("COMPLETED");
            assertThat(task.get("ExitCode")).isEqualTo("0:0");
        });
        assertThat(slurm.jobs(ids.report())).singleElement().satisfies(report -> {
            assertThat(report.get("JobState")).isEqualTo("COMPLETED");
            assertThat(report.get("Dependency")).isIn("(null)", null);
        });
    }

    @Test
    void aFourTaskArrayRunsThePlanAndTheReportJobRunsAfterIt() throws Exception {
        Path results = temp.resolve("results");
        SlurmScript script = script(results, SlurmOptions.defaults("fake-plan").withPartition("peft")
                .withTime(Duration.ofMinutes(10)).withArrayParallel(2).withRunsPerTask(10));

        SlurmSubmitter.JobIds ids = slurm.submitter()
                .submitMissing(FakePlanWorker.ids(RUNS), runId -> isRecorded(results, runId), script).orElseThrow();
        slurm.awaitEnded(List.of(ids.workers(), ids.report()), JOBS_TIMEOUT);

        assertThat(ids.tasks()).isEqualTo(4);
        String logs = logs(script);
        assertAllEndedWell(ids, 4);
        FakePlanResults plan = FakePlanResults.read(results);
        assertThat(plan.recordedBy().keySet()).as(logs).containsExactlyElementsOf(FakePlanWorker.ids(RUNS));
        assertThat(plan.executions()).as("executions per run").hasSize(RUNS)
                .allSatisfy((runId, by) -> assertThat(by).as(runId).hasSize(1));
        assertThat(plan.recordedBy().values()).as("workers are the array's tasks")
                .allMatch(worker -> worker.startsWith("slurm-" + ids.workers() + "_"));
        assertThat(plan.claimFiles()).isEmpty();
        assertThat(Files.readString(results.resolve("report.txt")).strip()).as("records the report job saw").isEqualTo("40");
        assertThat(script.logs().resolve("fake-plan-" + ids.workers() + "_3.out")).exists();
        assertThat(script.logs().resolve("fake-plan-report-" + ids.report() + ".out")).exists();
    }

    @Test
    void aSecondSubmissionRunsOnlyTheRunsWithoutARecord() throws Exception {
        Path results = temp.resolve("results");
        List<String> lost = List.of("run-07", "run-21", "run-39");
        // A first submission recorded every run but three (their tasks ran out of time, or their node died).
        for (String runId : FakePlanWorker.ids(RUNS)) {
            if (!lost.contains(runId)) {
                AtomicFiles.writeString(FakePlanWorker.record(results, runId),
                        "{\"runId\": \"" + runId + "\", \"worker\": \"first-submission\"}");
            }
        }
        SlurmScript script = script(results, SlurmOptions.defaults("fake-plan").withTime(Duration.ofMinutes(10)));
        SlurmSubmitter submitter = slurm.submitter();

        SlurmSubmitter.JobIds ids = submitter
                .submitMissing(FakePlanWorker.ids(RUNS), runId -> isRecorded(results, runId), script).orElseThrow();
        slurm.awaitEnded(List.of(ids.workers(), ids.report()), JOBS_TIMEOUT);

        assertThat(ids.tasks()).isEqualTo(3);
        assertAllEndedWell(ids, 3);
        FakePlanResults plan = FakePlanResults.read(results);
        assertThat(plan.recordedBy().keySet()).as(logs(script)).containsExactlyElementsOf(FakePlanWorker.ids(RUNS));
        assertThat(plan.executions().keySet()).as("runs executed by the second submission").containsExactlyElementsOf(lost);
        assertThat(plan.executions()).allSatisfy((runId, by) -> assertThat(by).as(runId).hasSize(1));
        assertThat(submitter.submitMissing(FakePlanWorker.ids(RUNS), runId -> isRecorded(results, runId), script))
                .as("a third submission, with nothing missing").isEmpty();
    }

    private static String logs(SlurmScript script) throws Exception {
        if (!Files.isDirectory(script.logs())) {
            return "";
        }
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(script.logs())) {
            for (Path log : files.sorted().toList()) {
                all.add("--- " + log.getFileName() + "\n" + Files.readString(log));
            }
        }
        return String.join("\n", all);
    }
}
