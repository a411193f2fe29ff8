package org.peftrepro.models;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * @param hiddenStates after the embeddings and after each layer (HF's {@code hidden_states})
 * @param logits (batch, num_labels)
 * @param loss scalar, or null when no labels were given
 */
public record ClassifierOutput(List<NDArray> hiddenStates, NDArray logits, NDArray loss) {
    public NDArray lastHiddenState() {
        return hiddenStates.get(hiddenStates.size() - 1);
    }
}
