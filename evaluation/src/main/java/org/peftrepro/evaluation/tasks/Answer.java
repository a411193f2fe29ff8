package org.peftrepro.evaluation.tasks;

import java.util.List;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.LogLikelihood;

/** The model's answer to a {@link Question}. */
public sealed interface Answer {

    /** The continuation of a {@link Question.Generate}. */
    record Generated(Generation generation) implements Answer {}

    /** The log-likelihood of each option of a {@link Question.Choose}, in the options' order. */
    record Ranked(List<LogLikelihood> options) implements Answer {
        public Ranked {
            options = List.copyOf(options);
        }

        /** The option of the highest log-likelihood, the first of a tie (numpy's argmax). */
        public int best() {
            int best = 0;
            for (int i = 1; i < options.size(); i++) {
                best = options.get(i).logprob() > options.get(best).logprob() ? i : best;
            }
            return best;
        }
    }
}
