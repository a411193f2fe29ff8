package org.peftrepro.benchmarks;

import java.util.Random;
import org.peftrepro.datasets.Batch;

/**
 * A batch of random token ids, every sequence full length ({@code <s> ... </s>}, no padding), with random labels:
 * made once per benchmark as an ordinary {@link Batch}, which the train step turns into tensors in each step's own
 * manager as it does with every batch.
 */
public final class RandomBatch {
    private static final int BOS = 0;
    private static final int EOS = 2;
    /** Ids below this are special tokens (<s>, <pad>, </s>). */
    private static final int FIRST_WORD_ID = 3;

    private RandomBatch() {}

    public static Batch of(InputShape shape, int vocabSize, int numLabels, long seed) {
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
        int[] labels = new int[n];
        int[] rows = new int[n];
        for (int row = 0; row < n; row++) {
            labels[row] = random.nextInt(numLabels);
            rows[row] = row;
        }
        return new Batch(n, t, ids, mask, new long[n * t], labels, null, rows);
    }
}
