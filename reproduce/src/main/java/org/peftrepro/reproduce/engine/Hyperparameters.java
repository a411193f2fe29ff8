package org.peftrepro.reproduce.engine;

/**
 * Everything that decides how one run trains, resolved from the protocol, the scale and the command line.
 *
 * @param headLrScale the task head's learning rate relative to {@code lr}
 * @param padToCap pad every batch to {@code maxLength} (the official code) instead of to its longest example
 * @param maxGradNorm global-norm clip; 0: none
 * @param maxTrainExamples 0: all; else the first n of a seeded shuffle (the quick scale)
 */
public record Hyperparameters(int epochs, int batchSize, int maxLength, double lr, double headLrScale,
        double weightDecay, double warmupRatio, boolean padToCap, double maxGradNorm, int gradientAccumulation,
        int maxTrainExamples, int maxDevExamples) {

    public Hyperparameters {
        check(epochs > 0, "epochs must be positive, got " + epochs);
        check(batchSize > 0, "batch size must be positive, got " + batchSize);
        check(maxLength >= 4, "max length must be at least 4, got " + maxLength);
        check(lr > 0, "learning rate must be positive, got " + lr);
        check(gradientAccumulation > 0, "gradient accumulation must be positive, got " + gradientAccumulation);
        check(warmupRatio >= 0 && warmupRatio < 1, "warmup ratio must be in [0, 1), got " + warmupRatio);
        check(headLrScale > 0, "the head's learning rate scale must be positive, got " + headLrScale);
        check(weightDecay >= 0, "weight decay must be 0 or more, got " + weightDecay);
        check(maxGradNorm >= 0, "the gradient clip must be 0 (none) or more, got " + maxGradNorm);
        check(maxTrainExamples >= 0, "max train examples must be 0 (all) or more, got " + maxTrainExamples);
        check(maxDevExamples >= 0, "max dev examples must be 0 (all) or more, got " + maxDevExamples);
    }

    /** Every field by name, for run ids and records. */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("maxLength", maxLength);
        m.put("lr", lr);
        m.put("headLrScale", headLrScale);
        m.put("weightDecay", weightDecay);
        m.put("warmupRatio", warmupRatio);
        m.put("padToCap", padToCap);
        m.put("maxGradNorm", maxGradNorm);
        m.put("gradientAccumulation", gradientAccumulation);
        m.put("maxTrainExamples", maxTrainExamples);
        m.put("maxDevExamples", maxDevExamples);
        return m;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
