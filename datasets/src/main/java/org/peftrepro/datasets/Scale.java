package org.peftrepro.datasets;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How much of the paper's budget a run used: a few steps, a shortened schedule, or the full recipe.
 */
public enum Scale {
    @JsonProperty("smoke")
    SMOKE("smoke"),
    @JsonProperty("quick")
    QUICK("quick"),
    @JsonProperty("paper")
    PAPER("paper");

    private final String wireName;

    Scale(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run records and on the command line. */
    public String wireName() {
        return wireName;
    }
}
