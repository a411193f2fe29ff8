package org.peftrepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every expected value below is worked out by hand in the comment beside it. */
class MetricsTest {

    private static final double EPS = 1e-12;

    // predicted vs gold: TP at 0 and 4, FP at 1, FN at 2, TN at 3
    private static final int[] PREDICTED = {1, 1, 0, 0, 1};
    private static final int[] GOLD = {1, 0, 1, 0, 1};

    @Test
    void accuracy() {
        // 3 of 5 positions agree
        assertThat(Metrics.accuracy(PREDICTED, GOLD)).isCloseTo(0.6, within(EPS));
    }

    @Test
    void f1OfThePositiveClass() {
        // P = 2/3, R = 2/3, F1 = 2/3
        assertThat(Metrics.f1(PREDICTED, GOLD)).isCloseTo(2.0 / 3, within(EPS));
        // no predicted positive: no true positive, F1 = 0
        assertThat(Metrics.f1(new int[] {0, 0, 0}, new int[] {1, 0, 1})).isZero();
        // all right: F1 = 1
        assertThat(Metrics.f1(new int[] {1, 0}, new int[] {1, 0})).isEqualTo(1.0);
    }

    @Test
    void matthewsBinary() {
        // (TP*TN - FP*FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (2*1 - 1*1) / sqrt(3*3*2*2) = 1/6
        assertThat(Metrics.matthews(PREDICTED, GOLD)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(Metrics.matthews(new int[] {1, 0, 1}, new int[] {1, 0, 1})).isCloseTo(1.0, within(EPS));
        assertThat(Metrics.matthews(new int[] {0, 1, 0}, new int[] {1, 0, 1})).isCloseTo(-1.0, within(EPS));
    }

    @Test
    void matthewsOfAConstantPredictionIsZero() {
        assertThat(Metrics.matthews(new int[] {1, 1, 1, 1}, new int[] {1, 0, 1, 0})).isZero();
        assertThat(Metrics.matthews(new int[] {0, 0}, new int[] {0, 0})).isZero();
    }

    @Test
    void matthewsMulticlass() {
        // predicted 0,1,2,0 vs gold 0,1,1,2: correct c = 2, samples s = 4, predicted counts p = (2,1,1),
        // gold counts t = (1,2,1). (c*s - p.t) / sqrt((s^2 - p.p)(s^2 - t.t)) = (8 - 5) / sqrt(10 * 10) = 0.3
        assertThat(Metrics.matthews(new int[] {0, 1, 2, 0}, new int[] {0, 1, 1, 2})).isCloseTo(0.3, within(EPS));
    }

    @Test
    void pearson() {
        // x = 1,2,3,4 (deviations -1.5,-.5,.5,1.5), y = 2,4,5,9 (deviations -3,-1,0,4):
        // sum dx*dy = 11, sum dx^2 = 5, sum dy^2 = 26, r = 11 / sqrt(130)
        assertThat(Metrics.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 9}))
                .isCloseTo(11 / Math.sqrt(130), within(EPS));
    }

    @Test
    void spearmanAveragesTiedRanks() {
        // ranks of 1,2,2,3 are 1,2.5,2.5,4; of 1,3,2,4 are 1,3,2,4. Pearson of the ranks:
        // deviations (-1.5,0,0,1.5) and (-1.5,.5,-.5,1.5): 4.5 / sqrt(4.5 * 5) = sqrt(0.9)
        assertThat(Metrics.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
                .isCloseTo(Math.sqrt(0.9), within(EPS));
        // monotone but not linear: Spearman 1
        assertThat(Metrics.spearman(new double[] {1, 2, 3}, new double[] {1, 10, 100})).isCloseTo(1.0, within(EPS));
    }

    @Test
    void correlationWithAConstantVectorIsZero() {
        assertThat(Metrics.pearson(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isZero();
        assertThat(Metrics.spearman(new double[] {1, 2, 3}, new double[] {4, 4, 4})).isZero();
    }

    @Test
    void badInputsAreErrors() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[] {1}, new int[] {1, 0}))
                .hasMessageContaining("1 predictions for 2 gold values");
        assertThatThrownBy(() -> Metrics.accuracy(new int[0], new int[0])).hasMessageContaining("no predictions");
        assertThatThrownBy(() -> Metrics.pearson(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessageContaining("position 1");
        assertThatThrownBy(() -> Metrics.matthews(new int[] {-1, 0}, new int[] {0, 0}))
                .hasMessageContaining("negative");
    }

    @Test
    void taskScoresFollowTheTaskMetrics() {
        List<Example> gold = List.of(Example.classified(0, "a", "b", 1), Example.classified(1, "a", "b", 0),
                Example.classified(2, "a", "b", 1), Example.classified(3, "a", "b", 0),
                Example.classified(4, "a", "b", 1));

        Map<GlueMetric, Double> scores = GlueTask.MRPC.score(PREDICTED, gold);

        assertThat(scores.keySet()).containsExactly(GlueMetric.ACCURACY, GlueMetric.F1);
        assertThat(scores.get(GlueMetric.ACCURACY)).isCloseTo(0.6, within(EPS));
        assertThat(scores.get(GlueMetric.F1)).isCloseTo(2.0 / 3, within(EPS));
    }

    @Test
    void stsbIsScoredOnRealValues() {
        List<Example> gold = List.of(Example.scored(0, "a", "b", 2f), Example.scored(1, "a", "b", 4f),
                Example.scored(2, "a", "b", 5f), Example.scored(3, "a", "b", 9f));

        // as the Pearson case above, with the roles of the vectors swapped: r = 11 / sqrt(130)
        Map<GlueMetric, Double> scores = GlueTask.STSB.score(new float[] {1, 2, 3, 4}, gold);

        assertThat(scores.keySet()).containsExactly(GlueMetric.PEARSON, GlueMetric.SPEARMAN);
        assertThat(scores.get(GlueMetric.PEARSON)).isCloseTo(11 / Math.sqrt(130), within(1e-9));
        assertThat(scores.get(GlueMetric.SPEARMAN)).isCloseTo(1.0, within(EPS));
        assertThatThrownBy(() -> GlueTask.STSB.score(new int[] {1, 2, 3, 4}, gold))
                .hasMessageContaining("real-valued");
    }
}
