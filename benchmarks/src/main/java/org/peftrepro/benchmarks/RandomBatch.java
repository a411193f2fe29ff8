package org.peftrepro.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * A batch of random token ids, every sequence full length ({@code <s> ... </s>}, no padding), with random
 * labels: made once per benchmark, turned into tensors in each step's own manager as the training engine does
 * with every batch.
 */
public record RandomBatch(InputShape shape, long[] inputIds, long[] attentionMask, long[] tokenTypeIds, long[] labels) {
    private static final int BOS = 0;
    private static final int EOS = 2;
    /** Ids below this are special tokens (<s>, <pad>, </s>). */
    private static final int FIRST_WORD_ID = 3;

    public static RandomBatch of(InputShape shape, int vocabSize, int numLabels, long seed) {
        Random random = new Random(seed);
        int n = shape.batch();
        int t = shape.length();
        long[] ids = new long[n * t];
        long[] mask = new long[n * t];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < t; col++) {
                int cell = row * t + col;
                ids[cell] = col == 0 ? BOS : col == t - 1 ? EOS : FIRST_WORD_ID + random.nextInt(vocabSize - FIRST_WORD_ID);
                mask[cell] = 1;
            }
        }
        long[] labels = new long[n];
        for (int row = 0; row < n; row++) {
            labels[row] = random.nextInt(numLabels);
        }
        return new RandomBatch(shape, ids, mask, new long[n * t], labels);
    }

    /** The batch as tensors of {@code manager} (and its device). */
    public Tensors tensors(NDManager manager) {
        Shape s = new Shape(shape.batch(), shape.length());
        return new Tensors(manager.create(inputIds, s), manager.create(attentionMask, s), manager.create(tokenTypeIds, s),
                manager.create(labels));
    }

    public record Tensors(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray labels) {}
}
