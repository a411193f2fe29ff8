package org.peftrepro.reproduce.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peftrepro.reproduce.engine.ProgressListener;

/**
 * Runs the runs of a plan that no other worker runs: any number of workers, in one process or many, on one
 * host or a cluster, given the same run ids and the same results folder, together run every run once.
 *
 * <p>A worker goes through the plan in order and, for each run without a record, tries to claim it; it runs
 * what it claims and releases the claim once the record is written. It checks for the record again after
 * claiming, because another worker may have finished the run and released it between the first look and
 * the claim. When every run left is claimed by others it waits, looking again every heartbeat, until those
 * runs are recorded or their claims go stale (a worker that died) and it takes them over; so a worker
 * returns only when every run of the plan is recorded, or has failed in this worker.
 *
 * <p>A run whose action throws has no record: this worker does not try it again (another worker may),
 * and lists it in {@link Summary#notRecorded()}.
 */
public final class Worker {

    /** Runs one run and writes its record. */
    @FunctionalInterface
    public interface RunAction {
        Outcome run(String runId) throws IOException;
    }

    private final ClaimStore claims;
    private final RecordedRuns recorded;
    private final ProgressListener progress;

    public Worker(ClaimStore claims, RecordedRuns recorded, ProgressListener progress) {
        this.claims = claims;
        this.recorded = recorded;
        this.progress = progress;
    }

    /** Runs what is left of the plan; returns when none of {@code runIds} is left unrecorded or unclaimed. */
    public Summary run(List<String> runIds, RunAction action) throws IOException, InterruptedException {
        Set<String> pending = new LinkedHashSet<>(runIds);
        List<String> ran = new ArrayList<>();
        List<String> takenOver = new ArrayList<>();
        Map<String, String> notRecorded = new LinkedHashMap<>();
        Set<String> waitingFor = Set.of();
        while (!pending.isEmpty()) {
            boolean ranOne = false;
            for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                String runId = it.next();
                if (recorded.isRecorded(runId)) {
                    it.remove();
                    continue;
                }
                Optional<Claim> claimed = claims.tryClaim(runId);
                if (claimed.isEmpty()) {
                    continue;
                }
                it.remove();
                try (Claim claim = claimed.get()) {
                    if (recorded.isRecorded(runId)) {
                        continue;
                    }
                    claim.takenOverFrom().ifPresent(previous -> {
                        takenOver.add(runId);
                        progress.message(runId + ": taken over from " + previous.describe(claims.clock().instant()));
                    });
                    ranOne = true;
                    execute(runId, action, ran, notRecorded);
                    if (claim.lost()) {
                        progress.message(runId + ": this worker's claim was taken over while it ran (it missed its"
                                + " heartbeats for longer than " + claims.staleAfter() + "); another worker may run it too");
                    }
                }
            }
            if (!ranOne && !pending.isEmpty()) {
                if (!pending.equals(waitingFor)) {
                    waitingFor = Set.copyOf(pending);
                    progress.message(describeWait(pending));
                }
                Thread.sleep(claims.heartbeat().toMillis());
            }
        }
        return new Summary(ran, takenOver, notRecorded);
    }

    private void execute(String runId, RunAction action, List<String> ran, Map<String, String> notRecorded) {
        try {
            Outcome outcome = action.run(runId);
            ran.add(runId);
            progress.message(runId + (outcome.succeeded() ? ": " : ": FAILED (") + outcome.summary()
                    + (outcome.succeeded() ? "" : ")"));
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            notRecorded.put(runId, reason);
            progress.message(runId + ": not recorded: " + reason);
        }
    }

    private String describeWait(Set<String> pending) throws IOException {
        StringBuilder line = new StringBuilder("waiting for " + pending.size() + " run(s) claimed by other workers:");
        int shown = 0;
        for (String runId : pending) {
            if (shown++ == 3) {
                line.append(" ...");
                break;
            }
            line.append(' ').append(runId);
            claims.read(runId).ifPresent(claim -> line.append(" [").append(claim.describe(claims.clock().instant())).append(']'));
        }
        return line.toString();
    }

    /**
     * What one worker did.
     *
     * @param ran runs this worker executed and recorded, in order
     * @param takenOver of those, the runs it took over from a worker that stopped beating
     * @param notRecorded runs whose action threw, with the reason: no record was written
     */
    public record Summary(List<String> ran, List<String> takenOver, Map<String, String> notRecorded) {
        public Summary {
            ran = List.copyOf(ran);
            takenOver = List.copyOf(takenOver);
            notRecorded = Collections.unmodifiableMap(new LinkedHashMap<>(notRecorded));
        }
    }
}
