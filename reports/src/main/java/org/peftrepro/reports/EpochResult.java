package org.peftrepro.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What one epoch of a run produced.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch
 * @param metrics validation metrics as fractions (accuracy 0.876, not 87.6), by metric name
 * @param seconds wall-clock time of the epoch, evaluation included
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochResult(
        int epoch, Double trainLoss, Map<String, Double> metrics, Double seconds) {

    public EpochResult {
        metrics = Maps.frozenCopy(metrics);
    }
}
