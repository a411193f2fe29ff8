package org.peftrepro.evaluation.run;

/** What an evaluation reports while it runs (a progress bar with items/s on a console). */
public interface EvaluationListener {

    /**
     * @param total the benchmark's items
     * @param done those already recorded by an earlier run
     */
    void benchmarkStarted(String label, int total, int done);

    /** {@code count} more items answered and scored. */
    void itemsDone(int count);

    void benchmarkFinished(BenchmarkRecord record);

    void message(String line);
}
