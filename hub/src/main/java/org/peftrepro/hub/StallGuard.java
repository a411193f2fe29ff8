package org.peftrepro.hub;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives a download the read timeout of huggingface_hub ({@code HF_HUB_DOWNLOAD_TIMEOUT}): if no bytes arrive for
 * that long, the body stream is closed, which makes the blocked read throw. {@code HttpRequest.timeout} only
 * bounds the wait for the response headers, and {@link java.net.http.HttpClient}'s body stream ignores thread
 * interrupts, so closing it is the one way to end a read that waits on a silent server.
 */
final class StallGuard implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-download-stall-guard");
        thread.setDaemon(true);
        return thread;
    });

    private final Closeable stream;
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean fired;

    /** Starts watching {@code stream}; the clock starts now. */
    StallGuard(Duration timeout, Closeable stream) {
        this.stream = stream;
        this.timeoutNanos = timeout.toNanos();
        long periodMillis = Math.max(20, Math.min(1000, timeout.toMillis() / 4));
        this.check = TIMER.scheduleAtFixedRate(this::checkProgress, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Called after every successful read. */
    void progressed() {
        lastProgressNanos = System.nanoTime();
    }

    /** Whether the stream was closed because it stalled. */
    boolean fired() {
        return fired;
    }

    private void checkProgress() {
        if (!fired && System.nanoTime() - lastProgressNanos > timeoutNanos) {
            fired = true;
            check.cancel(false);
            try {
                stream.close();
            } catch (IOException ignored) {
                // the reader sees the stream closed either way
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
