package org.peftrepro.benchmarks;

import java.util.Map;

/** Times per operation from JMH's score units ({@code ms/op}, {@code s/op}, ...), in milliseconds. */
final class StepTime {
    private static final Map<String, Double> MILLIS_PER_UNIT = Map.of(
            "ns/op", 1e-6, "us/op", 1e-3, "ms/op", 1.0, "s/op", 1e3, "min/op", 6e4);

    private StepTime() {}

    /** The metric's median iteration in milliseconds per operation. */
    static double medianMillis(JmhResults.Metric metric, String where) {
        Double factor = MILLIS_PER_UNIT.get(metric.unit());
        if (factor == null) {
            throw new IllegalArgumentException(where + ": score unit " + metric.unit()
                    + " is not a time per operation (run the benchmark in avgt or ss mode)");
        }
        return metric.median() * factor;
    }
}
