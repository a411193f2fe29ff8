package org.peftrepro.evaluation.run;

import java.util.List;
import java.util.Map;
import org.peftrepro.evaluation.tasks.Scores;

/**
 * A finished benchmark of an evaluation, as its JSON record stores it.
 *
 * @param benchmark {@code mmlu}, {@code bbh}, {@code drop} or {@code humaneval}
 * @param protocol {@code instruct-eval} or {@code lm-eval}
 * @param synthetic whether the data is the suite's smoke benchmarks (not comparable to the paper)
 * @param data where the data came from: Hub ids, a folder, or the smoke folder's name
 * @param limit the most items per subject or task, or 0 for all
 * @param metrics the benchmark's values, the primary metric first
 * @param groups each subject's or task's items and values
 * @param items how many items were scored
 * @param notes how the protocol was applied
 * @param seconds the time spent answering and scoring, over every run that contributed
 */
public record BenchmarkRecord(String benchmark, String protocol, String scale, boolean synthetic, String model,
        String adapter, String data, int limit, String primaryMetric, Map<String, Double> metrics,
        Map<String, Scores.GroupScore> groups, int items, List<String> notes, double seconds, String finished) {

    /** The primary metric's value. */
    public double score() {
        return metrics.get(primaryMetric);
    }
}
