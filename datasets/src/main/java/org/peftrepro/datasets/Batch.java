package org.peftrepro.datasets;

/**
 * A padded batch as flat row-major arrays of shape (batchSize, seqLen), ready to be copied into
 * tensors. Row r holds the example at position {@code exampleIndices[r]} of the list it was batched from.
 *
 * @param batchSize rows
 * @param seqLen columns: the longest example of the batch, or the length cap
 * @param inputIds token ids, padded with the tokenizer's pad id
 * @param attentionMask 1 for a token, 0 for padding
 * @param tokenTypeIds token type ids, padded with 0
 * @param labels class ids per row, {@code null} for a regression batch
 * @param targets STS-B scores per row, {@code null} for a classification batch
 * @param exampleIndices position of each row's example in the batched list
 */
public record Batch(int batchSize, int seqLen, long[] inputIds, long[] attentionMask, long[] tokenTypeIds,
        int[] labels, float[] targets, int[] exampleIndices) {

    public Batch {
        int cells = batchSize * seqLen;
        if (inputIds.length != cells || attentionMask.length != cells || tokenTypeIds.length != cells) {
            throw new IllegalArgumentException("token arrays must hold " + batchSize + " x " + seqLen + " values");
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("a batch has either labels or regression targets");
        }
        int rows = labels != null ? labels.length : targets.length;
        if (rows != batchSize || exampleIndices.length != batchSize) {
            throw new IllegalArgumentException("per-row arrays must hold " + batchSize + " values");
        }
    }

    public boolean isRegression() {
        return targets != null;
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
