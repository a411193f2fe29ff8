package org.peftrepro.methods.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.peftrepro.models.nn.NamedParameters;

/** A method attached to one model: its parameters, what trains, and what happens between epochs. */
public interface Adaptation {
    /** The method's name and resolved options. */
    MethodOptions options();

    /**
     * Parameters the optimizer updates now, under the names they are saved with (the task head is not
     * included: the engine adds it). Re-read after every {@link #onEpochEnd} event.
     */
    NamedParameters trainable();

    /**
     * Everything this method would save: its trainable parameters plus any it keeps frozen (e.g. a merged
     * module left untrained in {@code official-code} fidelity).
     */
    default NamedParameters state() {
        return trainable();
    }

    /** Allocates and initialises the method's own parameters (the paper's init), and unfreezes what trains. */
    void initialize(NDManager manager);

    /**
     * Called by the training engine after every epoch's training, before its evaluation. Methods that
     * change the model between epochs (merges, injections) do it here.
     *
     * @param epoch 1-based
     * @return one line per change made, for the run log; empty when nothing changed
     */
    default List<String> onEpochEnd(int epoch, int totalEpochs, NDManager manager) {
        return List.of();
    }

    /** The number of trainable parameters after all events of a run of {@code totalEpochs} epochs. */
    default long trainableAtEnd(int totalEpochs) {
        return trainable().count();
    }

    /**
     * Sets the method's parameters from saved values named as {@link #state()} names them (after
     * {@link #initialize}). A method whose layout changes in training (merged spans) rebuilds it from the names.
     * A missing or extra name, or a shape that does not fit, is an error naming the tensor.
     */
    default void load(Map<String, NDArray> saved) {
        StateValues.copyInto(state(), saved);
    }

    /** Removes the method from the model's sites, leaving the backbone as it was. */
    void detach();
}
