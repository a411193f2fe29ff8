package org.peftrepro.evaluation.sandbox;

/**
 * How one program ended.
 *
 * @param outcome passed (exit status 0), failed, or timed out
 * @param detail the last lines of its error output (what failed), or why it was stopped
 */
public record ExecutionResult(Outcome outcome, String detail) {

    /** The three ways a program ends in the sandbox. */
    public enum Outcome {
        PASSED, FAILED, TIMED_OUT;

        /** The name in records: {@code passed}, {@code failed}, {@code timed_out}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
