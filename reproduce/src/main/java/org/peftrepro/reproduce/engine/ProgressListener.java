package org.peftrepro.reproduce.engine;

/** What a run reports while it trains: the command line draws a bar, tests listen quietly. */
public interface ProgressListener {
    ProgressListener SILENT = new ProgressListener() {};

    /** A run starts: {@code totalSteps} optimizer steps over all epochs. */
    default void runStarted(RunConfig config, long totalSteps) {}

    default void step(int epoch, long step, double loss, double lr) {}

    /** After the epoch's evaluation; {@code events} are the method's changes (merges, injections). */
    default void epochFinished(int epoch, String metric, double value, java.util.List<String> events) {}

    default void message(String line) {}

    default void runFinished() {}

    /**
     * Long work outside a run, such as the smoke model's pretraining: {@code totalSteps} steps reported through
     * {@link #step}, then {@link #stageFinished}.
     */
    default void stageStarted(String label, long totalSteps) {}

    default void stageFinished() {}
}
