package org.peftrepro.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.reproduce.cluster.ClaimOwner;
import org.peftrepro.reproduce.cluster.ClaimStore;
import org.peftrepro.reproduce.cluster.Outcome;
import org.peftrepro.reproduce.cluster.Worker;
import org.peftrepro.reproduce.engine.ProgressListener;

/**
 * A worker of a fake plan, as a program of its own: run ids {@code run-00}, {@code run-01}, ...; a "run" leaves
 * a marker {@code executions/<runId>.<workerId>.<random>} when it starts, sleeps, and writes
 * {@code runs/<runId>.json} atomically, naming the worker. The markers show every execution, finished or not.
 *
 * <p>Options: {@code --results DIR --runs N --sleep-ms MS --heartbeat-ms MS --stale-ms MS [--worker-id ID]
 * [--hang-in-run K]}; with the last, the worker hangs in its K-th run (from 1) until it is killed.
 */
public final class FakePlanWorker {

    /** A short-lived program: the quick compiler only, and one GC thread, so that several start fast on two cores. */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path results = Path.of(options.get("results"));
        List<String> plan = ids(Integer.parseInt(options.get("runs")));
        long sleepMs = Long.parseLong(options.get("sleep-ms"));
        int hangInRun = Integer.parseInt(options.getOrDefault("hang-in-run", "0"));
        ClaimOwner owner = ClaimOwner.ofThisProcess();
        if (options.containsKey("worker-id")) {
            owner = owner.withWorkerId(options.get("worker-id"));
        }
        String workerId = owner.workerId();
        ClaimStore claims = new ClaimStore(results, Duration.ofMillis(Long.parseLong(options.get("heartbeat-ms"))),
                Duration.ofMillis(Long.parseLong(options.get("stale-ms"))), Clock.systemUTC(), owner);
        ProgressListener printing = new ProgressListener() {
            @Override
            public void message(String line) {
                System.out.println(workerId + ": " + line);
            }
        };
        AtomicInteger started = new AtomicInteger();
        Worker.RunAction fakeRun = runId -> {
            Path executions = Files.createDirectories(results.resolve("executions"));
            Files.createFile(executions.resolve(runId + "." + workerId + "." + UUID.randomUUID()));
            try {
                Thread.sleep(started.incrementAndGet() == hangInRun ? Long.MAX_VALUE : sleepMs);
            } catch (InterruptedException e) {
                throw new IOException("interrupted in " + runId, e);
            }
            AtomicFiles.writeString(record(results, runId), "{\"runId\": \"" + runId + "\", \"worker\": \"" + workerId + "\"}\n");
            return Outcome.succeeded("recorded by " + workerId);
        };
        Worker.Summary summary = new Worker(claims, runId -> Files.exists(record(results, runId)), printing)
                .run(plan, fakeRun);
        System.out.println(workerId + ": ran " + summary.ran().size() + ", took over " + summary.takenOver()
                + ", not recorded " + summary.notRecorded().keySet());
    }

    static List<String> ids(int runs) {
        return IntStream.range(0, runs).mapToObj(i -> "run-%02d".formatted(i)).toList();
    }

    static Path record(Path results, String runId) {
        return results.resolve("runs").resolve(runId + ".json");
    }
}
