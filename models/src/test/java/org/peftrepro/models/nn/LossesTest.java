package org.peftrepro.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Cross-entropy as PyTorch's {@code cross_entropy(logits, labels, ignore_index=-100)} computes it. */
class LossesTest {

    @Test
    void theMeanNegativeLogLikelihoodOverThePositionsThatArePredicted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][][] logits = {{{2f, 0f, -1f}, {0.5f, 0.5f, 3f}}, {{1f, 1f, 1f}, {-2f, 4f, 0f}}};
            long[][] labels = {{0, Losses.IGNORE_INDEX}, {2, 1}};

            float loss = Losses.crossEntropy(manager.create(flatten(logits), new Shape(2, 2, 3)),
                    manager.create(labels)).getFloat();

            double expected = (nll(logits[0][0], 0) + nll(logits[1][0], 2) + nll(logits[1][1], 1)) / 3;
            assertThat((double) loss).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void nothingToPredictIsZeroNotANumber() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float loss = Losses.crossEntropy(manager.create(new float[][] {{1f, 2f}}),
                    manager.create(new long[] {Losses.IGNORE_INDEX})).getFloat();
            assertThat(loss).isZero();
        }
    }

    private static double nll(float[] logits, int label) {
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l);
        }
        return Math.log(sum) - logits[label];
    }

    private static float[] flatten(float[][][] values) {
        float[] flat = new float[values.length * values[0].length * values[0][0].length];
        int i = 0;
        for (float[][] a : values) {
            for (float[] b : a) {
                for (float v : b) {
                    flat[i++] = v;
                }
            }
        }
        return flat;
    }
}
