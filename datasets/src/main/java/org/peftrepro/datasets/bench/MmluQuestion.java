package org.peftrepro.datasets.bench;

import java.util.List;

/**
 * One row of {@code cais/mmlu}.
 *
 * @param subject e.g. {@code abstract_algebra}
 * @param choices the four answers, in order A to D
 * @param answer the index of the right one, 0 to 3
 */
public record MmluQuestion(String subject, String question, List<String> choices, int answer) {
    public static final List<String> LETTERS = List.of("A", "B", "C", "D");

    public MmluQuestion {
        choices = List.copyOf(choices);
        if (choices.size() != LETTERS.size()) {
            throw new IllegalArgumentException("an MMLU question has 4 choices, got " + choices.size());
        }
        if (answer < 0 || answer >= choices.size()) {
            throw new IllegalArgumentException("answer " + answer + " is not a choice index 0..3");
        }
    }

    /** The gold letter, A to D. */
    public String answerLetter() {
        return LETTERS.get(answer);
    }
}
