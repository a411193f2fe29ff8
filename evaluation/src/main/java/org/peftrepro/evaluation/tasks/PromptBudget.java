package org.peftrepro.evaluation.tasks;

import java.util.Arrays;
import org.peftrepro.evaluation.lm.CausalTokenizer;

/**
 * Fits prompts into the model's positions: a prompt and its new tokens must fit {@code maxLength} (the config's
 * {@code max_position_embeddings}). As lm-evaluation-harness does, the new tokens are capped at
 * {@code maxLength - 1} and a prompt too long for the rest loses tokens from its left.
 */
public record PromptBudget(CausalTokenizer tokenizer, int maxLength) {
    /** InstructEval drops few-shot examples until the prompt has at most this many tokens. */
    public static final int INSTRUCT_EVAL_MAX_PROMPT = 2048;

    public PromptBudget {
        if (maxLength < 2) {
            throw new IllegalArgumentException("a model with " + maxLength + " positions cannot continue a prompt");
        }
    }

    /** The new tokens a request may ask for. */
    public int maxNewTokens(int asked) {
        return Math.min(asked, maxLength - 1);
    }

    /** The most prompt tokens that leave room for {@code maxNewTokens}. */
    public int promptRoom(int maxNewTokens) {
        return maxLength - maxNewTokens(maxNewTokens);
    }

    /** Whether the prompt, BOS included, has at most {@code limit} tokens. */
    public boolean fits(String prompt, int limit) {
        return tokenizer.encodePrompt(prompt).length <= limit;
    }

    /** The prompt's ids (BOS first), its left cut off where it leaves no room for {@code maxNewTokens}. */
    public int[] fit(String prompt, int maxNewTokens) {
        int[] ids = tokenizer.encodePrompt(prompt);
        int room = promptRoom(maxNewTokens);
        return ids.length <= room ? ids : Arrays.copyOfRange(ids, ids.length - room, ids.length);
    }
}
