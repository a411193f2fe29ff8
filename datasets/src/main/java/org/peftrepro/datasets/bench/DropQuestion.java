package org.peftrepro.datasets.bench;

import java.util.List;

/**
 * One row of {@code ucinlp/drop}.
 *
 * @param spans the answer's spans ({@code answers_spans.spans}): one for a number, a date or a span, several for a
 *     multi-span answer
 * @param types each span's type: {@code number}, {@code date} or {@code span}
 */
public record DropQuestion(String queryId, String passage, String question, List<String> spans, List<String> types) {
    public DropQuestion {
        spans = List.copyOf(spans);
        types = List.copyOf(types);
    }

    /** Whether every span says the same thing: InstructEval keeps only such questions. */
    public boolean hasOneAnswer() {
        return !spans.isEmpty() && spans.stream().distinct().count() == 1;
    }
}
