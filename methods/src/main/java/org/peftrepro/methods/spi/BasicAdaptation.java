package org.peftrepro.methods.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.peftrepro.models.nn.NamedParameters;

/**
 * An adaptation whose trainable set is fixed once attached: parameters it added (initialised by their
 * own initializers) or backbone parameters it unfroze, and the undo steps that detach it.
 */
public class BasicAdaptation implements Adaptation {
    private final MethodOptions options;
    private final NamedParameters trainable = new NamedParameters();
    private final List<Runnable> undo = new ArrayList<>();

    public BasicAdaptation(MethodOptions options) {
        this.options = options;
    }

    /** A parameter the method created; its initializer gives its initial value. */
    public Parameter addOwn(String name, Parameter parameter) {
        return trainable.add(name, parameter);
    }

    /** A backbone parameter the method trains in place (full fine-tuning, BitFit). */
    public void trainInPlace(String name, Parameter backboneParameter) {
        trainable.add(name, backboneParameter);
        undo.add(() -> backboneParameter.freeze(true));
    }

    /** Something to undo on {@link #detach()}, e.g. removing a delta from a site. */
    public void onDetach(Runnable step) {
        undo.add(step);
    }

    @Override
    public MethodOptions options() {
        return options;
    }

    @Override
    public NamedParameters trainable() {
        return trainable;
    }

    @Override
    public void initialize(NDManager manager) {
        for (Parameter p : trainable.asMap().values()) {
            if (!p.isInitialized()) {
                p.initialize(manager, DataType.FLOAT32);
            }
            p.freeze(false);
        }
    }

    @Override
    public void detach() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }
}
