package org.peftrepro.models.sites;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * A linear map {@code y = W x + b} of the backbone where a method can add a term to the output or make
 * the weight or bias trainable.
 */
public interface LinearSite {
    /** The HF module path, e.g. {@code roberta.encoder.layer.3.attention.self.query}. */
    String moduleName();

    /** Index of the Transformer layer the site is in, or -1 outside the layer stack. */
    int layer();

    /** Role in the layer, the same on every architecture: query, key, value, attention.output, ffn.up, ffn.gate, ffn.down. */
    String role();

    long inFeatures();

    long outFeatures();

    /** (out, in), as HF and DJL store it. */
    Parameter weight();

    Optional<Parameter> bias();

    void addDelta(LinearDelta delta);

    void removeDelta(LinearDelta delta);

    List<LinearDelta> deltas();

    /**
     * PEFT's {@code target_modules} rule: a target names a site when it equals the module path or is
     * its last dotted components ({@code query} names {@code ...attention.self.query}).
     */
    default boolean matches(String target) {
        String name = moduleName();
        return name.equals(target) || name.endsWith("." + target);
    }
}
