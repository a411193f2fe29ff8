package org.peftrepro.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Groups encoded examples into padded batches. Training batches follow a shuffle drawn from a
 * {@link Random} seeded by (seed, epoch), so any epoch's order can be reproduced on its own (e.g.
 * when a run resumes); evaluation batches group examples of similar length to waste little
 * compute on padding, and {@link PredictionCollector} puts their results back in example order.
 * Batches are built when iterated, so a large training set is never held padded in memory.
 */
public final class Batcher {

    /** How far each batch is padded. */
    public enum Padding {
        /** to the longest example in the batch */
        LONGEST,
        /** to the length cap, as the LoR2C and Lily scripts do ({@code padding="max_length"}) */
        MAX_LENGTH
    }

    private final int batchSize;
    private final int padId;
    private final int maxLength;
    private final Padding padding;

    /**
     * @param batchSize examples per batch (the last batch of an epoch may be smaller)
     * @param padId the tokenizer's pad id ({@link TextEncoder#padId()})
     * @param maxLength the length cap ({@link TextEncoder#maxLength()}); longer examples are an error
     * @param padding how far to pad
     */
    public Batcher(int batchSize, int padId, int maxLength, Padding padding) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
        this.batchSize = batchSize;
        this.padId = padId;
        this.maxLength = maxLength;
        this.padding = padding;
    }

    /** Examples per batch (the last batch of an epoch may be smaller). */
    public int batchSize() {
        return batchSize;
    }

    /** The batches of one training epoch, in an order drawn from (seed, epoch). */
    public Batches trainingBatches(List<EncodedExample> examples, long seed, int epoch) {
        List<Integer> order = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(Seeds.mix(seed, epoch)));
        return new Batches(this, examples, chunk(order));
    }

    /**
     * Evaluation batches: examples sorted by length (longest first, ties in list order) so that each
     * batch holds examples of similar length.
     */
    public Batches evaluationBatches(List<EncodedExample> examples) {
        List<Integer> order = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> examples.get(i).length()).reversed()
                .thenComparingInt(i -> i));
        return new Batches(this, examples, chunk(order));
    }

    private List<int[]> chunk(List<Integer> order) {
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            List<Integer> group = order.subList(start, Math.min(order.size(), start + batchSize));
            groups.add(group.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    /** Builds one padded batch from the examples at the given positions. */
    Batch build(List<EncodedExample> examples, int[] positions) {
        int rows = positions.length;
        int longest = 0;
        for (int position : positions) {
            int length = examples.get(position).length();
            if (length > maxLength) {
                throw new IllegalArgumentException("example " + position + " has " + length
                        + " tokens, more than the cap of " + maxLength + ": encode with the same maxLength");
            }
            longest = Math.max(longest, length);
        }
        int seqLen = padding == Padding.MAX_LENGTH ? maxLength : longest;
        long[] inputIds = new long[rows * seqLen];
        long[] attentionMask = new long[rows * seqLen];
        long[] tokenTypeIds = new long[rows * seqLen];
        Arrays.fill(inputIds, padId);
        boolean regression = examples.get(positions[0]).label() == Example.NO_LABEL;
        int[] labels = regression ? null : new int[rows];
        float[] targets = regression ? new float[rows] : null;
        for (int row = 0; row < rows; row++) {
            EncodedExample example = examples.get(positions[row]);
            int offset = row * seqLen;
            for (int t = 0; t < example.length(); t++) {
                inputIds[offset + t] = example.inputIds()[t];
                tokenTypeIds[offset + t] = example.typeIds()[t];
                attentionMask[offset + t] = 1;
            }
            if ((example.label() == Example.NO_LABEL) != regression) {
                throw new IllegalArgumentException("example " + positions[row]
                        + " mixes classification and regression examples in one batch");
            }
            if (regression) {
                targets[row] = example.score();
            } else {
                labels[row] = example.label();
            }
        }
        return new Batch(rows, seqLen, inputIds, attentionMask, tokenTypeIds, labels, targets, positions.clone());
    }
}
