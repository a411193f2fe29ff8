package org.peftrepro.reproduce.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A held claim on one run: its heartbeat rewrites the claim file until {@link #close()} removes it. Close
 * it when the run's record is written, or when the run ends without one, so that another worker can take
 * the run at once rather than after the claim goes stale.
 */
public final class Claim implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Claim.class.getName());

    private final ClaimStore store;
    private final Path file;
    private final ClaimInfo info;
    private final ClaimStore.Seen takenOverFrom;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean lost;
    private boolean closed;

    private Claim(ClaimStore store, Path file, ClaimInfo info, ClaimStore.Seen takenOverFrom) {
        this.store = store;
        this.file = file;
        this.info = info;
        this.takenOverFrom = takenOverFrom;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "claim-heartbeat-" + info.runId());
            thread.setDaemon(true);
            return thread;
        });
    }

    static Claim start(ClaimStore store, Path file, ClaimInfo info, ClaimStore.Seen takenOverFrom) {
        Claim claim = new Claim(store, file, info, takenOverFrom);
        long period = store.heartbeat().toMillis();
        claim.heartbeat.scheduleAtFixedRate(claim::beat, period, period, TimeUnit.MILLISECONDS);
        return claim;
    }

    public String runId() {
        return info.runId();
    }

    /** What this claim's file said when it was made. */
    public ClaimInfo info() {
        return info;
    }

    /**
     * The stale claim this one replaced, when the run was taken over from a worker that stopped beating; its
     * info is empty when that worker died between creating its claim file and writing it.
     */
    public Optional<ClaimStore.Seen> takenOverFrom() {
        return Optional.ofNullable(takenOverFrom);
    }

    /**
     * True once a heartbeat found the claim file gone or holding another worker's claim: this holder was
     * taken for dead (it missed beats for longer than the store's staleAfter), and the run may be running
     * elsewhere too.
     */
    public boolean lost() {
        return lost;
    }

    private void beat() {
        try {
            Optional<ClaimInfo> current = store.look(file).flatMap(ClaimStore.Seen::info);
            if (current.isEmpty() || !current.get().token().equals(info.token())) {
                lost = true;
                LOG.log(System.Logger.Level.WARNING, "The claim on " + info.runId() + " in " + file
                        + " was taken over: this worker missed its heartbeats for longer than " + store.staleAfter());
                heartbeat.shutdown();
                return;
            }
            store.rewrite(file, info.withHeartbeat(store.clock().instant()));
        } catch (IOException | UncheckedIOException e) {
            // A beat that fails (a network file system hiccup) is tried again at the next period; only
            // beats missed for the whole of staleAfter let the claim go stale.
            LOG.log(System.Logger.Level.WARNING, "Heartbeat of the claim " + file + " failed: " + e.getMessage());
        }
    }

    /**
     * Stops the heartbeat and removes the claim file if it is still this claim's. Idempotent.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdown();
        try {
            // A beat in flight must not put the file back after it is removed.
            heartbeat.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<ClaimInfo> current = store.look(file).flatMap(ClaimStore.Seen::info);
        if (current.isPresent() && current.get().token().equals(info.token())) {
            Files.deleteIfExists(file);
            store.releaseMarkers(file);
        }
    }
}
