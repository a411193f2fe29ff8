package org.peftrepro.datasets;

/**
 * One GLUE example.
 *
 * @param index position of the example in its split as loaded (0, 1, ...); rows skipped while
 *     reading take no position
 * @param textA the first (or only) sentence
 * @param textB the second sentence of a pair task, {@code null} for single-sentence tasks
 * @param label the class id for classification tasks, {@link #NO_LABEL} for STS-B
 * @param score the similarity score 0..5 for STS-B, {@code NaN} for classification tasks
 */
public record Example(int index, String textA, String textB, int label, float score) {

    /** The label of a regression example. */
    public static final int NO_LABEL = -1;

    public Example {
        if (textA == null) {
            throw new IllegalArgumentException("example " + index + " has no first sentence");
        }
    }

    /** A classification example. */
    public static Example classified(int index, String textA, String textB, int label) {
        if (label < 0) {
            throw new IllegalArgumentException("example " + index + ": class id must be >= 0, got " + label);
        }
        return new Example(index, textA, textB, label, Float.NaN);
    }

    /** A regression (STS-B) example. */
    public static Example scored(int index, String textA, String textB, float score) {
        if (!Float.isFinite(score)) {
            throw new IllegalArgumentException("example " + index + ": score must be finite, got " + score);
        }
        return new Example(index, textA, textB, NO_LABEL, score);
    }

    public boolean isPair() {
        return textB != null;
    }

    public boolean isRegression() {
        return label == NO_LABEL;
    }
}
