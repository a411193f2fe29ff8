package org.peftrepro.evaluation.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer lm-evaluation-harness reads from a BBH chain of thought: its regex filter with the pattern
 * {@code (?<=the answer is )(.*)(?=.)} (what follows "the answer is " on that line, its last character dropped: the
 * full stop), first match, stripped; {@code [invalid]} when nothing matches. Scored by exact match.
 */
public final class BbhAnswer {
    /** lm-evaluation-harness's fallback when the pattern finds nothing. */
    public static final String INVALID = "[invalid]";
    /** Only a line feed ends a line, as in Python's re. */
    private static final Pattern PATTERN = Pattern.compile("(?<=the answer is )(.*)(?=.)", Pattern.UNIX_LINES);

    private BbhAnswer() {}

    public static String extract(String generated) {
        Matcher m = PATTERN.matcher(generated);
        return m.find() ? m.group(1).strip() : INVALID;
    }

    /** Exact match of the extracted answer with the target (case and punctuation count). */
    public static boolean correct(String generated, String target) {
        return extract(generated).equals(target);
    }
}
