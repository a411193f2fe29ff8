package org.peftrepro.reproduce.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.reproduce.engine.ProgressListener;

/** Workers in threads of one process on one results folder; the process tests run them in JVMs of their own. */
class WorkerTest {
    private static final Duration HEARTBEAT = Duration.ofMillis(50);
    private static final Duration STALE = Duration.ofMillis(400);

    @TempDir
    Path results;

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    private Path record(String runId) {
        return results.resolve("runs").resolve(runId + ".json");
    }

    private boolean isRecorded(String runId) {
        return Files.exists(record(runId));
    }

    /** A run: counted, a short sleep, then its record. */
    private Outcome fakeRun(String runId) throws IOException {
        executions.computeIfAbsent(runId, id -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.createDirectories(record(runId).getParent());
        Files.writeString(record(runId), "{}");
        return Outcome.succeeded("done");
    }

    private Worker worker(String id) {
        ClaimStore claims = new ClaimStore(results, HEARTBEAT, STALE, Clock.systemUTC(), new ClaimOwner("host", 1, id));
        return new Worker(claims, this::isRecorded, ProgressListener.SILENT);
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "run-%02d".formatted(i)).toList();
    }

    @Test
    void threeWorkersRunEveryRunOnce() throws Exception {
        List<String> plan = ids(30);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Worker.Summary>> summaries = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Worker worker = worker("w" + w);
            summaries.add(pool.submit(() -> worker.run(plan, this::fakeRun)));
        }
        List<String> ran = new ArrayList<>();
        for (Future<Worker.Summary> summary : summaries) {
            ran.addAll(summary.get().ran());
        }
        pool.shutdown();

        assertThat(ran).containsExactlyInAnyOrderElementsOf(plan);
        assertThat(executions).hasSize(30).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
        try (Stream<Path> claims = Files.list(results.resolve("claims"))) {
            assertThat(claims).isEmpty();
        }
    }

    @Test
    void recordedRunsAreNotRunAgain() throws Exception {
        List<String> plan = ids(4);
        fakeRun("run-01");
        fakeRun("run-03");
        executions.clear();

        Worker.Summary summary = worker("w").run(plan, this::fakeRun);

        assertThat(summary.ran()).containsExactly("run-00", "run-02");
        assertThat(executions).containsOnlyKeys("run-00", "run-02");
    }

    @Test
    void aRunRecordedJustBeforeTheClaimIsNotRunAgain() throws Exception {
        // Another worker writes the record and releases its claim between this worker's first look and its claim.
        AtomicInteger looks = new AtomicInteger();
        RecordedRuns recordedOnSecondLook = runId -> looks.incrementAndGet() > 1;
        ClaimStore claims = new ClaimStore(results, HEARTBEAT, STALE, Clock.systemUTC());

        Worker.Summary summary = new Worker(claims, recordedOnSecondLook, ProgressListener.SILENT)
                .run(List.of("run-00"), this::fakeRun);

        assertThat(summary.ran()).isEmpty();
        assertThat(executions).isEmpty();
        assertThat(claims.read("run-00")).isEmpty();
    }

    @Test
    void theRunOfAWorkerThatStoppedBeatingIsTakenOver() throws Exception {
        // A worker died while it ran run-01: its claim is still there, fresh now, and never beats again.
        Path claim = results.resolve("claims/run-01.json");
        Files.createDirectories(claim.getParent());
        Instant now = Instant.now();
        Files.writeString(claim, """
                {"runId": "run-01", "token": "t", "workerId": "dead", "host": "node9", "pid": 9,
                 "startedAt": "%s", "heartbeatAt": "%s"}""".formatted(now, now));
        List<String> messages = new ArrayList<>();
        ClaimStore claims = new ClaimStore(results, HEARTBEAT, STALE, Clock.systemUTC());
        ProgressListener listener = new ProgressListener() {
            @Override
            public void message(String line) {
                messages.add(line);
            }
        };

        Worker.Summary summary = new Worker(claims, this::isRecorded, listener).run(ids(3), this::fakeRun);

        assertThat(summary.ran()).containsExactly("run-00", "run-02", "run-01");
        assertThat(summary.takenOver()).containsExactly("run-01");
        assertThat(messages).anyMatch(m -> m.startsWith("waiting for 1 run(s) claimed by other workers: run-01 [dead (node9, pid 9)"));
        assertThat(messages).anyMatch(m -> m.startsWith("run-01: taken over from dead (node9, pid 9)"));
    }

    @Test
    void aRunThatThrowsIsReleasedAndReported() throws Exception {
        ClaimStore claims = new ClaimStore(results, HEARTBEAT, STALE, Clock.systemUTC());
        Worker.RunAction failingOnOne = runId -> {
            if (runId.equals("run-01")) {
                throw new IOException("disk full writing run-01.json");
            }
            return fakeRun(runId);
        };

        Worker.Summary summary = new Worker(claims, this::isRecorded, ProgressListener.SILENT).run(ids(3), failingOnOne);

        assertThat(summary.ran()).containsExactly("run-00", "run-02");
        assertThat(summary.notRecorded()).containsExactly(Map.entry("run-01", "disk full writing run-01.json"));
        assertThat(claims.read("run-01")).isEmpty();
        assertThat(claims.fileOf("run-01")).doesNotExist();
    }
}
