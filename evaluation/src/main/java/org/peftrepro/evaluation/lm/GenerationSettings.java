package org.peftrepro.evaluation.lm;

import java.util.List;

/**
 * What one generation request asks for.
 *
 * @param maxNewTokens the most tokens added to each prompt
 * @param stopStrings a sequence stops as soon as its text holds one of these; its text is cut before the first one
 * @param sampling greedy, or a seeded draw
 * @param useCache false recomputes the whole sequence at every step (for comparisons and benchmarks only: the
 *     tokens are the same, the time is not)
 */
public record GenerationSettings(int maxNewTokens, List<String> stopStrings, Sampling sampling, boolean useCache) {

    public GenerationSettings {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be at least 1, got " + maxNewTokens);
        }
        stopStrings = List.copyOf(stopStrings);
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a stop string cannot be empty");
        }
    }

    /** Greedy, cached, stopping at the end-of-sequence token and the given strings. */
    public static GenerationSettings greedy(int maxNewTokens, List<String> stopStrings) {
        return new GenerationSettings(maxNewTokens, stopStrings, Sampling.greedy(), true);
    }

    public GenerationSettings withSampling(Sampling value) {
        return new GenerationSettings(maxNewTokens, stopStrings, value, useCache);
    }

    public GenerationSettings withCache(boolean value) {
        return new GenerationSettings(maxNewTokens, stopStrings, sampling, value);
    }
}
