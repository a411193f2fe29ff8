package org.peftrepro.datasets.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A BBH chain-of-thought prompt in the BIG-Bench-Hard repository's {@code cot-prompts/<task>.txt} format: an optional
 * header ending in a line of dashes, the task's description, then worked examples, each
 * {@code "Q: <input>\nA: Let's think step by step.\n<reasoning> So the answer is <target>."}, separated by blank lines.
 *
 * @param exemplars each worked example, from its "Q: "
 */
public record CotPrompt(String description, List<String> exemplars) {
    private static final String HEADER_END = "-----";
    private static final String QUESTION = "\n\nQ: ";

    public CotPrompt {
        exemplars = List.copyOf(exemplars);
    }

    public static CotPrompt parse(String text) {
        String body = text.contains(HEADER_END) ? text.substring(text.lastIndexOf(HEADER_END) + HEADER_END.length()) : text;
        body = body.strip();
        String[] parts = ("\n\n" + body).split(QUESTION, -1);
        String description = parts[0].strip();
        List<String> exemplars = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            exemplars.add("Q: " + parts[i].strip());
        }
        return new CotPrompt(description, exemplars);
    }

    /** The file's text in the repository's format (no header). */
    public String format() {
        return description + "\n\n" + String.join("\n\n", exemplars) + "\n";
    }
}
