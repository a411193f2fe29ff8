package org.peftrepro.datasets;

/**
 * How many smoke examples to make per task.
 *
 * @param trainPerTask examples in each train split
 * @param devPerTask examples in each dev split (MNLI has two)
 */
public record SmokeScale(int trainPerTask, int devPerTask) {

    /** A few hundred train and a couple of hundred dev examples: enough for a tiny model in a few epochs. */
    public static final SmokeScale DEFAULT = new SmokeScale(400, 160);

    public SmokeScale {
        if (trainPerTask < 6 || devPerTask < 6) {
            throw new IllegalArgumentException("need at least 6 examples per split to balance every label (STS-B has"
                    + " 6 similarity levels), got train " + trainPerTask + ", dev " + devPerTask);
        }
    }

    /** This scale with every split {@code factor} times larger. */
    public SmokeScale times(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        return new SmokeScale(Math.multiplyExact(trainPerTask, factor), Math.multiplyExact(devPerTask, factor));
    }
}
