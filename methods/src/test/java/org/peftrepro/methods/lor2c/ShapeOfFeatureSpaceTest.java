package org.peftrepro.methods.lor2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ShapeOfFeatureSpaceTest {

    /** The r x r route against a full SVD of the d x d product B A, as the official code computes it. */
    @ParameterizedTest
    @CsvSource({"16, 2", "64, 8", "96, 4", "128, 16", "200, 1"})
    void rByRRouteGivesTheSingularValuesOfTheFullProduct(int d, int r) {
        Random random = new Random(d * 31L + r);
        float[] a = new float[r * d];
        float[] b = new float[d * r];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        SimpleMatrix aMat = new SimpleMatrix(r, d);
        SimpleMatrix bMat = new SimpleMatrix(d, r);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < d; j++) {
                aMat.set(i, j, a[i * d + j]);
                bMat.set(j, i, b[j * r + i]);
            }
        }
        double[] full = bMat.mult(aMat).svd(true).getSingularValues();
        Arrays.sort(full);
        double[] fast = ShapeOfFeatureSpace.singularValues(a, b, r, d);

        assertThat(fast).hasSize(r);
        for (int i = 0; i < r; i++) {
            double expected = full[full.length - 1 - i];
            assertThat(fast[i]).isCloseTo(expected, within(1e-6 * expected));
        }
        for (int i = 0; i < full.length - r; i++) {
            assertThat(full[i]).isLessThan(1e-6 * fast[0]); // the rest of the d values are zero
        }
    }

    @Test
    void scoreFormsFollowTheirDefinitions() {
        double[] values = {4, 3, 2, 1};
        assertThat(ShapeOfFeatureSpace.score(ShapeOfFeatureSpace.Form.TOP_K_SHARE, 2, values, 8)).isEqualTo(0.7);
        assertThat(ShapeOfFeatureSpace.score(ShapeOfFeatureSpace.Form.SPREAD, 2, values, 8)).isCloseTo(0.3, within(1e-12));
        assertThat(ShapeOfFeatureSpace.score(ShapeOfFeatureSpace.Form.MEAN, 2, values, 8)).isEqualTo(10.0 / 8);
        assertThat(ShapeOfFeatureSpace.score(ShapeOfFeatureSpace.Form.TOP_K_SHARE, 2, new double[] {0, 0}, 8)).isZero();
    }

    @Test
    void scheduleOfTheOfficialGlueCode() {
        EventSchedule merges = EventSchedule.of(4, 30);
        assertThat(merges.interval()).isEqualTo(2);
        int done = 0;
        StringBuilder epochs = new StringBuilder();
        for (int e = 1; e <= 30; e++) {
            if (merges.firesAfter(e, done)) {
                done++;
                epochs.append(e).append(' ');
            }
        }
        assertThat(epochs.toString().trim()).isEqualTo("2 4 6 8");
        assertThat(EventSchedule.of(4, 3).eventsWithin(3)).isEqualTo(3);
        assertThat(EventSchedule.of(0, 30).eventsWithin(30)).isZero();
    }
}
