package org.peftrepro.methods.spi;

import java.util.List;
import org.peftrepro.models.Backbone;

/**
 * A parameter-efficient fine-tuning method. Implementations are found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/org.peftrepro.methods.spi.PeftMethod}), so a method in its
 * own jar shows up in the {@code methods} command and in every table without touching the suite.
 */
public interface PeftMethod {
    /** The name used on the command line and in reports, e.g. {@code lora}. */
    String name();

    /** One line for the {@code methods} listing. */
    String description();

    /** The options {@code --set key=value} accepts, with their defaults. */
    List<OptionSpec> options();

    /**
     * Declares the method's parameters (shapes only, nothing allocated) and hooks it onto the model's
     * sites. The backbone stays frozen except what the returned adaptation reports as trainable.
     */
    Adaptation attach(Backbone model, MethodOptions options);

    /**
     * The options that carry out a fidelity mode ({@code paper} or {@code official-code}) for this method,
     * where the paper and the released code disagree. By default: the method's own {@code fidelity} option
     * if it has one, else nothing (the two agree).
     */
    default java.util.Map<String, String> fidelityOptions(Fidelity fidelity) {
        boolean hasOption = options().stream().anyMatch(o -> o.key().equals("fidelity"));
        return hasOption ? java.util.Map.of("fidelity", fidelity.wireName()) : java.util.Map.of();
    }

    /** Convenience: resolve {@code overrides} against this method's options. */
    default MethodOptions resolve(java.util.Map<String, String> overrides) {
        return MethodOptions.resolve(name(), options(), overrides);
    }
}
