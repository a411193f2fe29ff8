package org.peftrepro.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the method benchmarks' secondary results to every iteration: examples/s and tokens/s (from the iteration's
 * time per step), trainable parameters, optimizer-state bytes and peak memory. Use it with
 * {@code -prof org.peftrepro.benchmarks.StepMetricsProfiler} when running the benchmarks with JMH's own main;
 * the {@code bench} command adds it itself. Benchmarks that publish nothing (SFS) get nothing added.
 */
public final class StepMetricsProfiler implements InternalProfiler {
    public static final String EXAMPLES_PER_SECOND = "examples/s";
    public static final String TOKENS_PER_SECOND = "tokens/s";
    public static final String TRAINABLE_PARAMETERS = "trainableParams";
    public static final String OPTIMIZER_STATE_BYTES = "optimizerStateBytes";
    public static final String PEAK_MEMORY_BYTES = "peakMemoryBytes";

    @Override
    public String getDescription() {
        return "Throughput, trainable parameters, optimizer state and peak memory of the method benchmarks";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        StepMetrics.clear(); // nothing from an earlier benchmark (forks 0) can be reported as this one's
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        StepMetrics metrics = StepMetrics.latest();
        if (metrics == null || result.getRawPrimaryResults().isEmpty()) {
            return List.of(); // not a method benchmark, or an iteration that failed
        }
        double score = result.getPrimaryResult().getScore();
        double secondsPerStep = secondsPerStep(benchmarkParams.getMode(), score, benchmarkParams.getTimeUnit());
        List<Result<?>> results = new ArrayList<>();
        if (secondsPerStep > 0) {
            results.add(new ScalarResult(EXAMPLES_PER_SECOND, metrics.batch() / secondsPerStep, "examples/s",
                    AggregationPolicy.AVG));
            results.add(new ScalarResult(TOKENS_PER_SECOND, metrics.tokens() / secondsPerStep, "tokens/s",
                    AggregationPolicy.AVG));
        }
        results.add(new ScalarResult(TRAINABLE_PARAMETERS, metrics.trainableParameters(), "params", AggregationPolicy.MAX));
        results.add(new ScalarResult(OPTIMIZER_STATE_BYTES, metrics.optimizerStateBytes(), "bytes", AggregationPolicy.MAX));
        results.add(new ScalarResult(PEAK_MEMORY_BYTES, metrics.peakMemoryBytes(), "bytes", AggregationPolicy.MAX));
        return results;
    }

    /** Seconds per step from a score: steps per {@code unit} in throughput mode, else time per step in {@code unit}. */
    static double secondsPerStep(Mode mode, double score, TimeUnit unit) {
        double unitSeconds = unit.toNanos(1) / 1e9;
        return mode == Mode.Throughput ? unitSeconds / score : score * unitSeconds;
    }
}
