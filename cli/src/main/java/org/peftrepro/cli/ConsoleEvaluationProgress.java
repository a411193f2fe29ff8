package org.peftrepro.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.peftrepro.evaluation.run.BenchmarkRecord;
import org.peftrepro.evaluation.run.EvaluationListener;

/**
 * Progress of generation, log-likelihoods and evaluations on the console: on a terminal a bar per benchmark (or per
 * command) with items and items/s; elsewhere (logs, redirected output) a line when each finishes.
 */
final class ConsoleEvaluationProgress implements EvaluationListener {
    private final PrintWriter out;
    private final boolean interactive = System.console() != null;
    private ProgressBar bar;
    private String label;
    private long started;
    private int items;

    ConsoleEvaluationProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void benchmarkStarted(String name, int total, int done) {
        label = name;
        started = System.nanoTime();
        items = 0;
        if (done > 0) {
            say(name + ": " + done + " of " + total + " items recorded by an earlier run");
        }
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .showSpeed().setUnit(" items", 1).build();
            bar.stepTo(done);
        }
    }

    @Override
    public void itemsDone(int count) {
        items += count;
        if (bar != null) {
            bar.stepBy(count);
        }
    }

    @Override
    public void benchmarkFinished(BenchmarkRecord record) {
        finished(String.format(Locale.ROOT, "%s: %s %.2f on %d items", label, record.primaryMetric(), 100 * record.score(),
                record.items()));
    }

    /** Ends the current bar with a line of its own. */
    void finished(String line) {
        closeBar();
        double seconds = (System.nanoTime() - started) / 1e9;
        say(String.format(Locale.ROOT, "%s (%.1f s, %.1f items/s)", line, seconds, items / Math.max(seconds, 1e-9)));
    }

    @Override
    public void message(String line) {
        say(line);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private void say(String line) {
        if (bar != null) {
            System.err.print("\r");
        }
        out.println(line);
        out.flush();
    }
}
