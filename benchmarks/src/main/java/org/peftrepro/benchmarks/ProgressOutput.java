package org.peftrepro.benchmarks;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console output cut down to one line per benchmark: its number, name and parameters when it starts, its
 * score (or FAILED) when it ends. Everything else JMH or a forked VM prints is kept aside and shown only for a
 * benchmark that failed, so the reason is not lost.
 */
final class ProgressOutput implements OutputFormat {
    /** Enough for a stack trace with its causes; a chatty benchmark's older lines are dropped. */
    private static final int KEPT_LINES = 200;

    private final PrintWriter out;
    private final int total;
    private int started;
    private long startNanos;
    private final List<String> aside = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private String current;

    /** @param total the benchmarks of the whole run, across every JMH runner it takes */
    ProgressOutput(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Labels of the benchmarks that ended without a result. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        aside.clear();
        current = label(params);
        startNanos = System.nanoTime();
        out.printf("[%d/%d] %s ... ", started, total, current);
        out.flush();
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (result == null || result.getIterationResults().isEmpty()) {
            out.printf("FAILED (%.0f s)%n", seconds);
            aside.forEach(line -> out.println("    " + line));
            failures.add(current);
        } else {
            out.printf(Locale.ROOT, "%s %s (%.0f s)%n", score(result.getPrimaryResult().getScore()), result.getScoreUnit(),
                    seconds);
        }
        out.flush();
        aside.clear();
    }

    /** Four significant digits for small scores, whole numbers with grouping for large ones: 2.438, 88,058. */
    static String score(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 1000 ? "%,.0f" : "%.4g", value);
    }

    /** {@code MethodBenchmark.train method=lora shape=tiny input=32x128 device=cpu}. */
    static String label(BenchmarkParams params) {
        String name = params.getBenchmark();
        String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        String values = params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k))
                .collect(Collectors.joining(" "));
        return values.isEmpty() ? shortName : shortName + " " + values;
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {}

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {}

    @Override
    public void startRun() {}

    @Override
    public void endRun(Collection<RunResult> result) {}

    @Override
    public void print(String s) {
        keep(s);
    }

    @Override
    public void println(String s) {
        keep(s);
    }

    @Override
    public void verbosePrintln(String s) {}

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b) {
        keep(new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }

    private void keep(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                aside.add(line);
            }
        }
        if (aside.size() > KEPT_LINES) {
            aside.subList(0, aside.size() - KEPT_LINES).clear();
        }
    }
}
