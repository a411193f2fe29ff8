package org.peftrepro.datasets;

/**
 * A padded batch as flat row-major arrays of shape (batchSize, seqLen), ready to be copied into tensors: the one
 * batch type of the suite, for real data, random benchmark batches and language-model pretraining alike. Row r
 * holds the example at position {@code exampleIndices[r]} of the list it was batched from.
 *
 * <p>A batch carries exactly one kind of target: class ids per row (classification), scores per row
 * (regression), or a token id per cell (language modelling, -100 where nothing is predicted).
 *
 * @param batchSize rows
 * @param seqLen columns: the longest example of the batch, or the length cap
 * @param inputIds token ids, padded with the tokenizer's pad id
 * @param attentionMask 1 for a token, 0 for padding
 * @param tokenTypeIds token type ids, padded with 0
 * @param labels class ids per row, or {@code null}
 * @param targets STS-B scores per row, or {@code null}
 * @param tokenLabels (batchSize x seqLen) token ids to predict, {@link #IGNORED} where none, or {@code null}
 * @param exampleIndices position of each row's example in the batched list
 */
public record Batch(int batchSize, int seqLen, long[] inputIds, long[] attentionMask, long[] tokenTypeIds,
        int[] labels, float[] targets, long[] tokenLabels, int[] exampleIndices) {

    /** The token label of a position that is not predicted (PyTorch's {@code ignore_index}). */
    public static final long IGNORED = -100;

    public Batch {
        int cells = batchSize * seqLen;
        if (inputIds.length != cells || attentionMask.length != cells || tokenTypeIds.length != cells) {
            throw new IllegalArgumentException("token arrays must hold " + batchSize + " x " + seqLen + " values");
        }
        int kinds = (labels != null ? 1 : 0) + (targets != null ? 1 : 0) + (tokenLabels != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a batch has exactly one of labels, regression targets or token labels");
        }
        if (labels != null && labels.length != batchSize || targets != null && targets.length != batchSize
                || exampleIndices.length != batchSize) {
            throw new IllegalArgumentException("per-row arrays must hold " + batchSize + " values");
        }
        if (tokenLabels != null && tokenLabels.length != cells) {
            throw new IllegalArgumentException("token labels must hold " + batchSize + " x " + seqLen + " values");
        }
    }

    /** A classification (labels) or regression (targets) batch. */
    public Batch(int batchSize, int seqLen, long[] inputIds, long[] attentionMask, long[] tokenTypeIds,
            int[] labels, float[] targets, int[] exampleIndices) {
        this(batchSize, seqLen, inputIds, attentionMask, tokenTypeIds, labels, targets, null, exampleIndices);
    }

    /** A language-modelling batch: a token to predict per cell ({@link #IGNORED} where none). */
    public static Batch ofTokenLabels(int batchSize, int seqLen, long[] inputIds, long[] attentionMask,
            long[] tokenLabels) {
        int[] rows = new int[batchSize];
        for (int r = 0; r < batchSize; r++) {
            rows[r] = r;
        }
        return new Batch(batchSize, seqLen, inputIds, attentionMask, new long[inputIds.length], null, null,
                tokenLabels, rows);
    }

    public boolean isRegression() {
        return targets != null;
    }

    public boolean hasTokenLabels() {
        return tokenLabels != null;
    }

    /** Number of real (unpadded) tokens in the batch. */
    public long tokenCount() {
        long count = 0;
        for (long mask : attentionMask) {
            count += mask;
        }
        return count;
    }
}
