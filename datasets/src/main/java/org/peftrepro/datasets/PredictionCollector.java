package org.peftrepro.datasets;

/**
 * Gathers per-row predictions of batches that were ordered for speed ({@link Batcher#evaluationBatches})
 * back into the order of the examples, to be scored against them.
 */
public final class PredictionCollector {

    private final int[] labels;
    private final float[] scores;
    private final boolean[] filled;
    private int filledCount;

    /** @param exampleCount the number of examples that were batched */
    public PredictionCollector(int exampleCount) {
        labels = new int[exampleCount];
        scores = new float[exampleCount];
        filled = new boolean[exampleCount];
    }

    /** Records the predicted classes of a batch's rows. */
    public void addLabels(Batch batch, int[] predicted) {
        checkRows(batch, predicted.length);
        for (int row = 0; row < predicted.length; row++) {
            int position = batch.exampleIndices()[row];
            mark(position);
            labels[position] = predicted[row];
        }
    }

    /** Records the predicted scores (STS-B) of a batch's rows. */
    public void addScores(Batch batch, float[] predicted) {
        checkRows(batch, predicted.length);
        for (int row = 0; row < predicted.length; row++) {
            int position = batch.exampleIndices()[row];
            mark(position);
            scores[position] = predicted[row];
        }
    }

    /** Predicted classes in example order. */
    public int[] labels() {
        checkComplete();
        return labels.clone();
    }

    /** Predicted scores in example order. */
    public float[] scores() {
        checkComplete();
        return scores.clone();
    }

    private void checkRows(Batch batch, int predictions) {
        if (predictions != batch.batchSize()) {
            throw new IllegalArgumentException(predictions + " predictions for a batch of " + batch.batchSize());
        }
    }

    private void mark(int position) {
        if (position >= filled.length) {
            throw new IllegalArgumentException("example " + position + " is outside the " + filled.length
                    + " examples being collected");
        }
        if (filled[position]) {
            throw new IllegalStateException("example " + position + " was predicted twice");
        }
        filled[position] = true;
        filledCount++;
    }

    private void checkComplete() {
        if (filledCount != filled.length) {
            int missing = 0;
            while (filled[missing]) {
                missing++;
            }
            throw new IllegalStateException((filled.length - filledCount) + " of " + filled.length
                    + " examples have no prediction yet, the first is example " + missing);
        }
    }
}
