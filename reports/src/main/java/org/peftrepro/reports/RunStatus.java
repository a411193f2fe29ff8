package org.peftrepro.reports;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a run ended. A failed run keeps its record so that tables can say "failed" instead of "–".
 */
public enum RunStatus {
    @JsonProperty("ok")
    OK,
    @JsonProperty("failed")
    FAILED
}
