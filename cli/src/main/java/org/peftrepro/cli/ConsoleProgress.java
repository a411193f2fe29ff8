package org.peftrepro.cli;

import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.RunConfig;

/**
 * Progress on the console: on a terminal, a bar per run (epoch, step, loss, learning rate, speed); elsewhere
 * (CI logs, redirected output) one line per epoch, so logs stay readable. Finished runs get a line each.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter out;
    private final boolean interactive = System.console() != null;
    private ProgressBar bar;
    private RunConfig current;
    private double lastLoss;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void runStarted(RunConfig config, long totalSteps) {
        current = config;
        startBar(config.task().name() + " " + config.method().name(), totalSteps);
    }

    @Override
    public void stageStarted(String label, long totalSteps) {
        current = null;
        startBar(label, totalSteps);
    }

    private void startBar(String label, long totalSteps) {
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(label)
                    .setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().setUnit(" steps", 1).build();
        }
    }

    @Override
    public void step(int epoch, long step, double loss, double lr) {
        lastLoss = loss;
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format("epoch %d loss %.4f lr %.2e", epoch, loss, lr));
        }
    }

    @Override
    public void epochFinished(int epoch, String metric, double value, List<String> events) {
        events.forEach(e -> say("  " + e));
        if (bar == null && current != null) {
            out.printf("  %s %s epoch %d: loss %.4f, %s %.4f%n", current.task().name(), current.method().name(), epoch,
                    lastLoss, metric, value);
        }
    }

    @Override
    public void message(String line) {
        say(line);
    }

    @Override
    public void runFinished() {
        closeBar();
    }

    @Override
    public void stageFinished() {
        closeBar();
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
