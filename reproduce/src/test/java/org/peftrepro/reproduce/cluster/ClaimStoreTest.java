package org.peftrepro.reproduce.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims on a results folder: one holder per run, stale claims taken over, released claims gone. */
class ClaimStoreTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    // Heartbeats of an hour never fire during a test: claim files change only by the test's own steps.
    private static final Duration NO_BEATS = Duration.ofHours(1);
    private static final Duration STALE = Duration.ofHours(3);

    @TempDir
    Path results;

    private final MutableClock clock = new MutableClock(T0);

    private ClaimStore store(String worker) {
        return new ClaimStore(results, NO_BEATS, STALE, clock, new ClaimOwner("node" + worker, 100, worker));
    }

    /** A claim as a worker that has since died left it. */
    private Path deadClaim(String runId, Instant lastBeat) throws Exception {
        Path file = results.resolve("claims").resolve(runId + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"runId": "%s", "token": "dead-token", "workerId": "slurm-9_1", "host": "node9", "pid": 4711,
                 "startedAt": "%s", "heartbeatAt": "%s"}
                """.formatted(runId, lastBeat, lastBeat));
        return file;
    }

    private List<String> claimFolder() throws Exception {
        try (Stream<Path> files = Files.list(results.resolve("claims"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void oneHolderPerRunUntilItReleases() throws Exception {
        ClaimStore a = store("a");
        ClaimStore b = store("b");

        Optional<Claim> first = a.tryClaim("run-1");
        assertThat(first).isPresent();
        assertThat(b.tryClaim("run-1")).isEmpty();
        assertThat(b.read("run-1")).get().satisfies(info -> {
            assertThat(info.workerId()).isEqualTo("a");
            assertThat(info.host()).isEqualTo("nodea");
            assertThat(info.pid()).isEqualTo(100);
            assertThat(info.startedAt()).isEqualTo(T0);
            assertThat(info.heartbeatAt()).isEqualTo(T0);
        });

        first.get().close();
        assertThat(claimFolder()).isEmpty();
        try (Claim second = b.tryClaim("run-1").orElseThrow()) {
            assertThat(second.info().workerId()).isEqualTo("b");
            assertThat(second.takenOverFrom()).isEmpty();
        }
    }

    @Test
    void aLiveClaimIsLeftAlone() throws Exception {
        Path file = deadClaim("run-1", T0.minus(STALE.dividedBy(2)));
        String before = Files.readString(file);

        assertThat(store("b").tryClaim("run-1")).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aStaleClaimIsTakenOverAndLeavesNothingBehindOnRelease() throws Exception {
        deadClaim("run-1", T0.minus(STALE).minusSeconds(1));

        Claim claim = store("b").tryClaim("run-1").orElseThrow();

        assertThat(claim.takenOverFrom()).get().satisfies(previous -> {
            assertThat(previous.info()).get().extracting(ClaimInfo::workerId).isEqualTo("slurm-9_1");
            assertThat(previous.describe(T0)).isEqualTo("slurm-9_1 (node9, pid 4711), heartbeat 180m 1s ago");
        });
        assertThat(store("c").read("run-1")).get().extracting(ClaimInfo::workerId).isEqualTo("b");
        claim.close();
        assertThat(claimFolder()).isEmpty();
    }

    @Test
    void aClaimCutShortBeforeItsContentGoesByItsFileTime() throws Exception {
        // A worker killed between creating its claim and writing it leaves an empty file.
        Path file = results.resolve("claims/run-1.json");
        Files.createDirectories(file.getParent());
        Files.createFile(file);
        Files.setLastModifiedTime(file, FileTime.from(T0.minus(STALE.dividedBy(2))));
        assertThat(store("b").tryClaim("run-1")).isEmpty();

        Files.setLastModifiedTime(file, FileTime.from(T0.minus(STALE).minusSeconds(1)));
        try (Claim claim = store("b").tryClaim("run-1").orElseThrow()) {
            assertThat(claim.takenOverFrom()).get().satisfies(previous -> {
                assertThat(previous.info()).isEmpty();
                assertThat(previous.describe(T0)).isEqualTo("a claim file left empty, written 180m 1s ago");
            });
            assertThat(store("c").read("run-1")).get().extracting(ClaimInfo::workerId).isEqualTo("b");
        }
    }

    @Test
    void aTakeoverLeftHalfDoneByADeadWorkerDoesNotBlockTheRun() throws Exception {
        deadClaim("run-1", T0.minus(STALE).minusSeconds(1));
        // The marker of a worker that died while taking the claim over, as old as the claim.
        Path marker = results.resolve("claims/.run-1.json.takeover-dead-token");
        Files.createFile(marker);
        Files.setLastModifiedTime(marker, FileTime.from(T0.minus(STALE).minusSeconds(1)));

        assertThat(store("b").tryClaim("run-1")).isEmpty();
        try (Claim claim = store("b").tryClaim("run-1").orElseThrow()) {
            assertThat(claim.takenOverFrom()).get().extracting(previous -> previous.info().orElseThrow().workerId())
                    .isEqualTo("slurm-9_1");
        }
    }

    @Test
    void ofManyWorkersRacingForOneStaleClaimExactlyOneWins() throws Exception {
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 0; round < 60; round++) {
                String runId = "run-" + round;
                deadClaim(runId, T0.minus(STALE).minusSeconds(1));
                CyclicBarrier start = new CyclicBarrier(workers);
                List<Future<Optional<Claim>>> attempts = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    ClaimStore mine = store("w" + w);
                    Callable<Optional<Claim>> attempt = () -> {
                        start.await();
                        return mine.tryClaim(runId);
                    };
                    attempts.add(pool.submit(attempt));
                }
                List<Claim> winners = new ArrayList<>();
                for (Future<Optional<Claim>> attempt : attempts) {
                    attempt.get().ifPresent(winners::add);
                }
                assertThat(winners).as("winners of round %d", round).hasSize(1);
                assertThat(store("x").read(runId)).get().extracting(ClaimInfo::token)
                        .isEqualTo(winners.get(0).info().token());
                winners.get(0).close();
            }
            assertThat(claimFolder()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHeartbeatKeepsAClaimFreshAndNoticesThatItWasTakenOver() throws Exception {
        ClaimStore beating = new ClaimStore(results, Duration.ofMillis(50), Duration.ofSeconds(5), Clock.systemUTC(),
                new ClaimOwner("nodea", 1, "a"));
        try (Claim claim = beating.tryClaim("run-1").orElseThrow()) {
            Instant started = claim.info().startedAt();
            awaitTrue(() -> beating.read("run-1").orElseThrow().heartbeatAt().isAfter(started));
            assertThat(claim.lost()).isFalse();

            // Another worker took the run over while this one was taken for dead.
            Path file = deadClaim("run-1", Instant.now());
            awaitTrue(claim::lost);
            claim.close();
            assertThat(beating.read("run-1")).get().extracting(ClaimInfo::token).isEqualTo("dead-token");
            assertThat(file).exists();
        }
    }

    @Test
    void staleAfterMustCoverTwoHeartbeats() {
        assertThatThrownBy(() -> new ClaimStore(results, Duration.ofSeconds(10), Duration.ofSeconds(15), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least twice the heartbeat");
    }

    @Test
    void runIdsThatCannotNameAFileAreRefused() {
        assertThatThrownBy(() -> store("a").tryClaim("../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../escape");
    }

    private static void awaitTrue(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
