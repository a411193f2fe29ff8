package org.peftrepro.evaluation.lm;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws one token from a row of logits as HF's sampling does: temperature, then top-k, then top-p (nucleus),
 * then a draw from the softmax of what is left. Each sequence has its own random stream.
 */
final class TokenSampler {
    private final Sampling.Sampled settings;
    private final SplittableRandom random;

    /** @param sequence the sequence's place in the request list: it picks the stream */
    TokenSampler(Sampling.Sampled settings, int sequence) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed() ^ (0x9E3779B97F4A7C15L * (sequence + 1L)));
    }

    /** @param logits the vocabulary's logits for this sequence, {@code logits[offset .. offset + vocab)} */
    int sample(float[] logits, int offset, int vocab) {
        double[] scores = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            scores[i] = logits[offset + i] / settings.temperature();
        }
        if (settings.topK() > 0 && settings.topK() < vocab) {
            // Keep the k highest scores, and any tied with the k-th (HF removes only scores below it).
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            double kth = sorted[vocab - settings.topK()];
            for (int i = 0; i < vocab; i++) {
                if (scores[i] < kth) {
                    scores[i] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        if (settings.topP() < 1) {
            removeOutsideNucleus(scores);
        }
        double[] probabilities = softmax(scores);
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < vocab; i++) {
            if (probabilities[i] > 0) {
                cumulative += probabilities[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last; // rounding left u just above the total
    }

    /**
     * HF's top-p: in ascending order of score, drop tokens while the probability mass up to and including them is at
     * most 1 - p; the most likely token always stays.
     */
    private void removeOutsideNucleus(double[] scores) {
        double[] probabilities = softmax(scores);
        Integer[] ascending = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(ascending, (a, b) -> Double.compare(scores[a], scores[b]));
        double cumulative = 0;
        for (int rank = 0; rank < ascending.length - 1; rank++) {
            int id = ascending[rank];
            cumulative += probabilities[id];
            if (cumulative <= 1 - settings.topP()) {
                scores[id] = Double.NEGATIVE_INFINITY;
            }
        }
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = scores[i] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(scores[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
