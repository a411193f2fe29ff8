package org.peftrepro.datasets;

/** Derives independent random streams from one run seed. */
public final class Seeds {

    private Seeds() {
    }

    /**
     * The seed of stream {@code stream} under {@code seed}: SplitMix64's finaliser applied to the
     * pair, so that neighbouring seeds and streams give unrelated {@link java.util.Random} sequences.
     */
    public static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
