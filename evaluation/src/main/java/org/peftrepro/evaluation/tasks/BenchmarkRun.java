package org.peftrepro.evaluation.tasks;

import java.io.IOException;
import java.util.List;

/**
 * One benchmark in one protocol, over loaded data: the questions to ask, how to score the model's answers, and
 * how item scores add up to the benchmark's.
 */
public interface BenchmarkRun {
    Benchmark benchmark();

    Protocol protocol();

    /** The metric Table II reports, e.g. {@code acc}, {@code f1}, {@code pass@1}. */
    String primaryMetric();

    /** Every question, in a fixed order. */
    List<Question> questions();

    /** Scores the model's answers to some of the questions, in the same order. */
    List<ItemResult> score(List<Question> questions, List<Answer> answers) throws IOException;

    /** The benchmark's scores from all item results: its metrics and each group's. */
    Scores aggregate(List<ItemResult> results);

    /** How the protocol was applied here, one sentence each, for the report. */
    List<String> notes();
}
