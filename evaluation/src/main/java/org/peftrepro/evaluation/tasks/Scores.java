package org.peftrepro.evaluation.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark's scores.
 *
 * @param metrics the benchmark's values, e.g. {@code acc}
 * @param groups each subject's or task's values and item count, in name order
 */
public record Scores(Map<String, Double> metrics, Map<String, GroupScore> groups) {

    /** A subject's or task's values. */
    public record GroupScore(int items, Map<String, Double> metrics) {}

    public Scores {
        metrics = new LinkedHashMap<>(metrics);
        groups = new TreeMap<>(groups);
    }

    /** Each group's mean of every metric, and overall either the mean over items or the mean of the group means. */
    static Scores of(List<ItemResult> results, boolean meanOfGroups) {
        Map<String, List<ItemResult>> byGroup = new TreeMap<>();
        for (ItemResult r : results) {
            byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        Map<String, GroupScore> groups = new TreeMap<>();
        byGroup.forEach((group, items) -> groups.put(group, new GroupScore(items.size(), means(items))));
        Map<String, Double> overall;
        if (meanOfGroups) {
            overall = new LinkedHashMap<>();
            for (GroupScore g : groups.values()) {
                g.metrics().forEach((metric, value) -> overall.merge(metric, value / groups.size(), Double::sum));
            }
        } else {
            overall = means(results);
        }
        return new Scores(overall, groups);
    }

    private static Map<String, Double> means(List<ItemResult> items) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (ItemResult item : items) {
            item.metrics().forEach((metric, value) -> sums.merge(metric, value, Double::sum));
        }
        sums.replaceAll((metric, sum) -> sum / items.size());
        return sums;
    }
}
