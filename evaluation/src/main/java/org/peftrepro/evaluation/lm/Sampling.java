package org.peftrepro.evaluation.lm;

/** How the next token is chosen from the logits. */
public sealed interface Sampling {

    /** The most likely token (the first such id on a tie, as {@code argmax}): HF's {@code do_sample=False}. */
    record Greedy() implements Sampling {}

    /**
     * A draw from the softmax of the logits divided by the temperature, kept to the {@code topK} most likely tokens
     * (0: all) and then to the smallest set whose probability reaches {@code topP} (1: all), in HF's order of warpers.
     * Each sequence draws from its own stream, fixed by the seed and the sequence's place in the request list, so the
     * same request gives the same text whatever the batch size.
     */
    record Sampled(double temperature, double topP, int topK, long seed) implements Sampling {
        public Sampled {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be > 0 (use greedy decoding for 0), got " + temperature);
            }
            if (!(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
            }
            if (topK < 0) {
                throw new IllegalArgumentException("top-k must be 0 (off) or more, got " + topK);
            }
        }
    }

    static Sampling greedy() {
        return new Greedy();
    }
}
