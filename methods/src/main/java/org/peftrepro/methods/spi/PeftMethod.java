package org.peftrepro.methods.spi;

import java.util.List;
import java.util.Map;
import org.peftrepro.models.Backbone;

/**
 * A parameter-efficient fine-tuning method: its {@link MethodDeclaration} (name, row in the tables, typed options,
 * protocol defaults, PEFT format) and its math, hooked onto a backbone's sites by {@link #attach}. Implementations
 * are found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.peftrepro.methods.spi.PeftMethod}), so a method in its own jar shows up in the
 * {@code methods} command, the tables and the benchmarks without touching the suite.
 */
public interface PeftMethod {
    /** What the method declares about itself; the same value on every call. */
    MethodDeclaration declaration();

    /**
     * Declares the method's parameters (shapes only, nothing allocated) and hooks it onto the model's sites. The
     * backbone stays frozen except what the returned adaptation reports as trainable.
     *
     * @param options resolved by {@link #resolve}, so every value is one its option accepts
     */
    Adaptation attach(Backbone model, MethodOptions options);

    /** The name used on the command line and in reports, e.g. {@code lora}. */
    default String name() {
        return declaration().name();
    }

    /** One line for the {@code methods} listing. */
    default String description() {
        return declaration().description();
    }

    /** The options {@code --set key=value} accepts, with their defaults. */
    default List<OptionSpec> options() {
        return declaration().options();
    }

    /**
     * The options that carry out a fidelity mode ({@code paper} or {@code official-code}) for this method, where the
     * paper and the released code disagree. By default: the method's own {@code fidelity} option if it has one, else
     * nothing (the two agree).
     */
    default Map<String, String> fidelityOptions(Fidelity fidelity) {
        boolean hasOption = options().stream().anyMatch(o -> o.key().equals("fidelity"));
        return hasOption ? Map.of("fidelity", fidelity.wireName()) : Map.of();
    }

    /** Every option's value: the defaults, overridden by {@code overrides}, each checked against its type. */
    default MethodOptions resolve(Map<String, String> overrides) {
        return MethodOptions.resolve(name(), options(), overrides);
    }
}
