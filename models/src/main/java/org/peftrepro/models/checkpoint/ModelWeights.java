package org.peftrepro.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.Initializers;

/** Creates a model's parameter arrays: from a checkpoint by HF name, or freshly initialised as HF does. */
public final class ModelWeights {
    /** HF's {@code base_model_prefix} of the families built here (RoBERTa, LLaMA). */
    private static final List<String> BACKBONE_PREFIXES = List.of("roberta.", "model.");

    private ModelWeights() {}

    /**
     * Loads every parameter found in {@code source}; the rest are initialised as HF's
     * {@code _init_weights} would. A checkpoint tensor of the wrong shape is an error, except for the task
     * head, which is then drawn fresh (a checkpoint fine-tuned for another label count).
     */
    public static LoadReport load(Backbone model, TensorSource source, NDManager manager, double initializerRange) {
        Set<String> unused = new LinkedHashSet<>(source.names());
        List<String> loaded = new ArrayList<>();
        List<String> initialized = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.parameters().asMap().entrySet()) {
            String name = e.getKey();
            Parameter parameter = e.getValue();
            if (parameter.isInitialized()) {
                continue; // shared under another name, already set
            }
            Optional<String> stored = storedName(name, source.names());
            if (stored.isPresent() && Arrays.equals(source.shape(stored.get()), parameter.getShape().getShape())) {
                NDArray value = read(source, stored.get(), manager);
                parameter.setInitializer((m, shape, type) -> value);
                parameter.initialize(manager, DataType.FLOAT32);
                unused.remove(stored.get());
                loaded.add(name);
            } else if (stored.isPresent() && !model.headParameterNames().contains(name)) {
                throw new IllegalArgumentException(source.description() + ": tensor " + stored.get() + " has shape "
                        + new Shape(source.shape(stored.get())) + " but the model (from its config.json) needs "
                        + parameter.getShape());
            } else {
                stored.ifPresent(unused::remove);
                initializeFresh(parameter, manager, initializerRange);
                initialized.add(name);
            }
        }
        return new LoadReport(List.copyOf(loaded), List.copyOf(initialized), List.copyOf(unused));
    }

    /** Initialises every parameter not yet created (a model trained from scratch, or a benchmark). */
    public static void initializeAll(Backbone model, NDManager manager, double initializerRange) {
        for (Parameter p : model.parameters().asMap().values()) {
            if (!p.isInitialized()) {
                initializeFresh(p, manager, initializerRange);
            }
        }
    }

    /** HF's {@code _init_weights}: weights N(0, range), biases 0, norm scales 1. */
    static void initializeFresh(Parameter parameter, NDManager manager, double range) {
        Initializer init = switch (parameter.getType()) {
            case GAMMA -> Initializers.ones();
            case BETA, BIAS -> Initializers.zeros();
            default -> Initializers.normal(range);
        };
        parameter.setInitializer(init);
        parameter.initialize(manager, DataType.FLOAT32);
    }

    /**
     * The checkpoint's name for a model parameter: the same HF name, or without the backbone prefix
     * ({@code roberta.}, {@code model.}) when the checkpoint holds the bare backbone ({@code RobertaModel}).
     */
    static Optional<String> storedName(String name, Set<String> available) {
        if (available.contains(name)) {
            return Optional.of(name);
        }
        for (String prefix : BACKBONE_PREFIXES) {
            if (name.startsWith(prefix) && available.contains(name.substring(prefix.length()))) {
                return Optional.of(name.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static NDArray read(TensorSource source, String name, NDManager manager) {
        try {
            return source.read(name, manager);
        } catch (IOException e) {
            throw new UncheckedIOException(source.description() + ": cannot read tensor " + name, e);
        }
    }
}
