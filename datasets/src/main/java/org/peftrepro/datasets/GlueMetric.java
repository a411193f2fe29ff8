package org.peftrepro.datasets;

/** A metric reported on a GLUE dev set; each one is defined in {@link Metrics}. */
public enum GlueMetric {
    ACCURACY("accuracy", false),
    F1("f1", false),
    MATTHEWS("matthews_correlation", false),
    PEARSON("pearson", true),
    SPEARMAN("spearman", true);

    private final String key;
    private final boolean regression;

    GlueMetric(String key, boolean regression) {
        this.key = key;
        this.regression = regression;
    }

    /** The name used in result files (as the GLUE metric in HF {@code evaluate} names it). */
    public String key() {
        return key;
    }

    /** True for metrics computed on real-valued predictions (STS-B), false for class predictions. */
    public boolean isRegression() {
        return regression;
    }

    /** Scores class predictions against gold classes. */
    public double compute(int[] predicted, int[] gold) {
        return switch (this) {
            case ACCURACY -> Metrics.accuracy(predicted, gold);
            case F1 -> Metrics.f1(predicted, gold);
            case MATTHEWS -> Metrics.matthews(predicted, gold);
            case PEARSON, SPEARMAN -> throw new IllegalArgumentException(
                    key + " needs real-valued predictions, not class ids");
        };
    }

    /** Scores real-valued predictions against gold scores. */
    public double compute(double[] predicted, double[] gold) {
        return switch (this) {
            case PEARSON -> Metrics.pearson(predicted, gold);
            case SPEARMAN -> Metrics.spearman(predicted, gold);
            case ACCURACY, F1, MATTHEWS -> throw new IllegalArgumentException(
                    key + " needs class predictions, not real values");
        };
    }
}
