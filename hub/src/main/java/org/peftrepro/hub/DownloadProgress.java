package org.peftrepro.hub;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.time.Duration;

/** A progress bar on stderr for downloads large enough to take a while; silent for small files. */
final class DownloadProgress implements AutoCloseable {
    /** Configuration and tokenizer files stay silent; weights and dataset shards show a bar. */
    static final long THRESHOLD_BYTES = 8L << 20;
    private static final int WIDTH_WITHOUT_CONSOLE = 100;

    private final ProgressBar bar;

    private DownloadProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param name    shown in front of the bar
     * @param total   size of the whole file
     * @param already bytes kept from an interrupted download
     */
    static DownloadProgress start(String name, long total, long already) {
        if (total < THRESHOLD_BYTES) {
            return new DownloadProgress(null);
        }
        // Without a console (output sent to a log file) the terminal width cannot be asked for.
        ConsoleProgressBarConsumer consumer = System.console() != null
                ? new ConsoleProgressBarConsumer(System.err)
                : new ConsoleProgressBarConsumer(System.err, WIDTH_WITHOUT_CONSOLE);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(shortName(name))
                .setInitialMax(total)
                .setUnit("MiB", 1L << 20)
                .showSpeed()
                .startsFrom(already, Duration.ZERO)
                .setConsumer(consumer)
                .build();
        return new DownloadProgress(bar);
    }

    void advance(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private static String shortName(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.length() <= 30 ? last : "..." + last.substring(last.length() - 27);
    }
}
