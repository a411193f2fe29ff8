package org.peftrepro.evaluation.tasks;

import java.util.Map;
import java.util.TreeMap;

/**
 * One scored item, as stored in an evaluation's records.
 *
 * @param metrics the item's values of the benchmark's metrics (1 or 0 for accuracy, F1 between 0 and 1)
 * @param prediction what the model answered (generated text, or the option it ranked first)
 * @param detail why it scored so, when that is not plain (a failed program's error, the extracted answer)
 */
public record ItemResult(String id, String group, Map<String, Double> metrics, String prediction, String detail) {
    public ItemResult {
        metrics = new TreeMap<>(metrics);
    }
}
