package org.peftrepro.evaluation.tasks;

import java.util.List;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.GenerationSettings;

/**
 * One benchmark item as a protocol asks it of the model.
 *
 * @param id stable across runs (a resumed evaluation skips the ids it has)
 * @param group the subject or task it counts toward, or the benchmark's name when it has none
 */
public record Question(String id, String group, Ask ask) {

    /** What the model is asked. */
    public sealed interface Ask {}

    /** Continue a prompt (token ids, BOS included, already cut to fit the model). */
    public record Generate(int[] prompt, GenerationSettings settings) implements Ask {}

    /** Score each option's continuation given its context (lm-evaluation-harness's multiple choice). */
    public record Choose(List<CausalTokenizer.ContextContinuation> options) implements Ask {
        public Choose {
            options = List.copyOf(options);
        }
    }
}
