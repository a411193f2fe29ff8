package org.peftrepro.datasets;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The GLUE task metrics. Degenerate inputs get a defined value instead of NaN, so that a model that
 * predicts one class (common early in training) is reported as scoring 0 rather than poisoning
 * averages: Matthews correlation of a constant prediction is 0 (as in scikit-learn), a correlation
 * with a constant vector is 0, and F1 with no true positives is 0.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Fraction of positions where the prediction equals the gold class. */
    public static double accuracy(int[] predicted, int[] gold) {
        checkSameNonEmpty(predicted.length, gold.length);
        int correct = 0;
        for (int i = 0; i < gold.length; i++) {
            if (predicted[i] == gold[i]) {
                correct++;
            }
        }
        return (double) correct / gold.length;
    }

    /** F1 of the positive class 1 (MRPC "equivalent", QQP "duplicate"). */
    public static double f1(int[] predicted, int[] gold) {
        checkSameNonEmpty(predicted.length, gold.length);
        long truePositive = 0;
        long falsePositive = 0;
        long falseNegative = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean predictedPositive = predicted[i] == 1;
            boolean goldPositive = gold[i] == 1;
            if (predictedPositive && goldPositive) {
                truePositive++;
            } else if (predictedPositive) {
                falsePositive++;
            } else if (goldPositive) {
                falseNegative++;
            }
        }
        if (truePositive == 0) {
            return 0.0;
        }
        // 2PR/(P+R) written on counts: 2TP / (2TP + FP + FN).
        return 2.0 * truePositive / (2.0 * truePositive + falsePositive + falseNegative);
    }

    /**
     * Matthews correlation coefficient, in its multi-class form (Gorodkin 2004, as scikit-learn
     * computes it); for two classes it is the usual (TP*TN - FP*FN) / sqrt(...).
     */
    public static double matthews(int[] predicted, int[] gold) {
        checkSameNonEmpty(predicted.length, gold.length);
        int classes = 1 + Math.max(maxOf(predicted), maxOf(gold));
        long[] predictedCount = new long[classes];
        long[] goldCount = new long[classes];
        long correct = 0;
        for (int i = 0; i < gold.length; i++) {
            checkClass(predicted[i], "predicted", i);
            checkClass(gold[i], "gold", i);
            predictedCount[predicted[i]]++;
            goldCount[gold[i]]++;
            if (predicted[i] == gold[i]) {
                correct++;
            }
        }
        double samples = gold.length;
        double covariancePredictedGold = correct * samples;
        double covariancePredicted = samples * samples;
        double covarianceGold = samples * samples;
        for (int k = 0; k < classes; k++) {
            covariancePredictedGold -= (double) predictedCount[k] * goldCount[k];
            covariancePredicted -= (double) predictedCount[k] * predictedCount[k];
            covarianceGold -= (double) goldCount[k] * goldCount[k];
        }
        double denominator = Math.sqrt(covariancePredicted * covarianceGold);
        return denominator == 0.0 ? 0.0 : covariancePredictedGold / denominator;
    }

    /** Pearson correlation; 0 when either vector is constant. */
    public static double pearson(double[] predicted, double[] gold) {
        checkCorrelationInput(predicted, gold);
        if (isConstant(predicted) || isConstant(gold)) {
            return 0.0;
        }
        return new PearsonsCorrelation().correlation(predicted, gold);
    }

    /** Spearman rank correlation with average ranks for ties; 0 when either vector is constant. */
    public static double spearman(double[] predicted, double[] gold) {
        checkCorrelationInput(predicted, gold);
        if (isConstant(predicted) || isConstant(gold)) {
            return 0.0;
        }
        NaturalRanking averageRanks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
        return new SpearmansCorrelation(averageRanks).correlation(predicted, gold);
    }

    private static void checkCorrelationInput(double[] predicted, double[] gold) {
        checkSameNonEmpty(predicted.length, gold.length);
        if (gold.length < 2) {
            throw new IllegalArgumentException("a correlation needs at least 2 values, got " + gold.length);
        }
        for (int i = 0; i < gold.length; i++) {
            if (!Double.isFinite(predicted[i]) || !Double.isFinite(gold[i])) {
                throw new IllegalArgumentException("non-finite value at position " + i
                        + ": predicted " + predicted[i] + ", gold " + gold[i]);
            }
        }
    }

    private static boolean isConstant(double[] values) {
        for (double value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static int maxOf(int[] values) {
        int max = 0;
        for (int value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static void checkClass(int value, String which, int position) {
        if (value < 0) {
            throw new IllegalArgumentException(which + " class at position " + position + " is negative: " + value);
        }
    }

    private static void checkSameNonEmpty(int predictedLength, int goldLength) {
        if (predictedLength != goldLength) {
            throw new IllegalArgumentException(
                    predictedLength + " predictions for " + goldLength + " gold values");
        }
        if (goldLength == 0) {
            throw new IllegalArgumentException("no predictions to score");
        }
    }
}
