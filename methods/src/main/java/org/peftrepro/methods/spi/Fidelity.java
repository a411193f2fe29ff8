package org.peftrepro.methods.spi;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which recipe a run follows where the paper's text and its authors' code disagree: the paper as
 * written, or the official code.
 */
public enum Fidelity {
    @JsonProperty("paper")
    PAPER("paper"),
    @JsonProperty("official-code")
    OFFICIAL_CODE("official-code");

    private final String wireName;

    Fidelity(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run records and on the command line. */
    public String wireName() {
        return wireName;
    }
}
