package org.peftrepro.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.peftrepro.hub.io.AtomicFiles;

/** Runs a {@link BenchPlan} through JMH's {@link Runner}, a line of progress per benchmark. */
public final class BenchRunner {
    /** Settings of this VM that every forked VM needs too (offline DJL, thread counts, log levels). */
    private static final List<String> INHERITED_PROPERTY_PREFIXES = List.of("ai.djl.", "org.slf4j.simpleLogger.");

    private BenchRunner() {}

    /**
     * @param results every benchmark that finished, in the order they ran
     * @param failures the benchmarks that ended without a result (their output was printed)
     */
    public record Outcome(List<RunResult> results, List<String> failures) {}

    public static Outcome run(BenchPlan plan, PrintWriter progress) throws RunnerException {
        return run(plan.steps(forkJvmArgs()), progress);
    }

    /** Runs the given JMH steps one after another. */
    public static Outcome run(List<BenchPlan.Step> steps, PrintWriter progress) throws RunnerException {
        ProgressOutput output = new ProgressOutput(progress, steps.stream().mapToInt(BenchPlan.Step::benchmarks).sum());
        String classPath = ForkClassPath.of(MethodBenchmark.class.getClassLoader());
        List<RunResult> results = new ArrayList<>();
        for (BenchPlan.Step step : steps) {
            Runner runner = new Runner(step.options().build(), output);
            results.addAll(ForkClassPath.with(classPath, runner::run));
        }
        return new Outcome(results, output.failures());
    }

    /** JMH's JSON result format, written atomically. */
    public static void writeJson(Collection<RunResult> results, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** {@code -Dkey=value} for this VM's properties that the forks must share. */
    public static List<String> forkJvmArgs() {
        List<String> args = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> INHERITED_PROPERTY_PREFIXES.stream().anyMatch(k::startsWith))
                .forEach(k -> args.add("-D" + k + "=" + System.getProperty(k)));
        return args;
    }
}
