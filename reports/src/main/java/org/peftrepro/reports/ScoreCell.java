package org.peftrepro.reports;

import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The runs of one method on one task: the scores of the finished seeds (primary metric × 100) and
 * how many runs failed. Failed runs are counted but never averaged.
 */
public record ScoreCell(List<Double> scores, int failedRuns) {

    public static final ScoreCell EMPTY = new ScoreCell(List.of(), 0);

    public ScoreCell {
        scores = List.copyOf(scores);
        if (failedRuns < 0) {
            throw new IllegalArgumentException("failedRuns is " + failedRuns + ", must be >= 0");
        }
    }

    /** True when no run of this method on this task was recorded. */
    public boolean isEmpty() {
        return scores.isEmpty() && failedRuns == 0;
    }

    /** Mean over the finished seeds, if there is one. */
    public OptionalDouble mean() {
        return scores.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(statistics().getMean());
    }

    /**
     * Sample standard deviation (n − 1 in the denominator) over the finished seeds, if there are
     * two or more.
     */
    public OptionalDouble standardDeviation() {
        return scores.size() < 2
                ? OptionalDouble.empty()
                : OptionalDouble.of(statistics().getStandardDeviation());
    }

    private DescriptiveStatistics statistics() {
        return new DescriptiveStatistics(
                scores.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
