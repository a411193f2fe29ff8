package org.peftrepro.benchmarks;

/**
 * What a method benchmark knows besides its time, published at the end of every iteration for
 * {@link StepMetricsProfiler} to report. JMH's own {@code @AuxCounters} do not fit these: EVENTS counters are
 * summed over iterations and OPERATIONS counters divided by time, while a parameter count or a peak is neither;
 * a profiler's results choose their own aggregation. Both run in the same (forked) VM, one benchmark at a time.
 *
 * @param batch examples per step
 * @param tokens tokens per step (batch x length, nothing padded)
 */
public record StepMetrics(int batch, long tokens, long trainableParameters, long optimizerStateBytes,
        long peakMemoryBytes) {

    private static volatile StepMetrics latest;

    static void publish(StepMetrics metrics) {
        latest = metrics;
    }

    /** The metrics published since the last {@link #clear()}, or null. */
    static StepMetrics latest() {
        return latest;
    }

    static void clear() {
        latest = null;
    }
}
