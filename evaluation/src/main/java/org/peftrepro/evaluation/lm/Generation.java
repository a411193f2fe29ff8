package org.peftrepro.evaluation.lm;

/**
 * One prompt's continuation.
 *
 * @param tokens the ids generated, the end-of-sequence id included when one ended it
 * @param text their text (special tokens left out), cut before the first stop string
 * @param stop why it ended
 */
public record Generation(int[] tokens, String text, Stop stop) {

    /** Why a sequence ended. */
    public enum Stop {
        /** It drew an end-of-sequence token. */
        EOS,
        /** Its text came to hold a stop string. */
        STOP_STRING,
        /** It reached the token limit. */
        LENGTH;

        /** The name in output files: {@code eos}, {@code stop_string}, {@code length}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
