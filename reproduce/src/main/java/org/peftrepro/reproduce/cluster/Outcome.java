package org.peftrepro.reproduce.cluster;

/**
 * How a run that a worker executed ended; either way its record is written (a failed run is recorded as
 * failed with its reason).
 *
 * @param succeeded whether the run finished rather than failed
 * @param summary one line for the progress output, e.g. the best metric or the reason of the failure
 */
public record Outcome(boolean succeeded, String summary) {

    public static Outcome succeeded(String summary) {
        return new Outcome(true, summary);
    }

    public static Outcome failed(String reason) {
        return new Outcome(false, reason);
    }
}
