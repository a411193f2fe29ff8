package org.peftrepro.reproduce.engine;

/**
 * Hyperparameters a user set on the command line, each null when not set: they replace the protocol's.
 *
 * @param maxTrainExamples train on a seeded subsample of this size
 */
public record HyperparameterOverrides(Integer epochs, Integer batchSize, Integer maxLength, Double lr,
        Integer maxTrainExamples) {

    public static final HyperparameterOverrides NONE = new HyperparameterOverrides(null, null, null, null, null);

    /** The protocol's values with these overrides applied; the result is validated as every run's is. */
    public Hyperparameters applyTo(Hyperparameters p) {
        return new Hyperparameters(
                epochs != null ? epochs : p.epochs(),
                batchSize != null ? batchSize : p.batchSize(),
                maxLength != null ? maxLength : p.maxLength(),
                lr != null ? lr : p.lr(),
                p.headLrScale(), p.weightDecay(), p.warmupRatio(), p.padToCap(), p.maxGradNorm(),
                p.gradientAccumulation(),
                maxTrainExamples != null ? maxTrainExamples : p.maxTrainExamples(),
                p.maxDevExamples());
    }
}
