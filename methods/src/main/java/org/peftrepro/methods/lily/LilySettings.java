package org.peftrepro.methods.lily;

import java.util.List;
import java.util.OptionalInt;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.models.Backbone;

/**
 * Lily's options, as values (already checked against their types when resolved).
 *
 * @param r rank d of A and of every B expert
 * @param experts N_e, the experts in each target type's pool
 * @param stride layers sharing one A; empty: {@code auto}, layers / experts
 * @param scaling s, multiplies the update
 * @param perSequence {@code routing=sequence} (the paper): one mixture per sequence; otherwise one per batch
 * @param dropout on the input of A
 */
record LilySettings(int r, int experts, OptionalInt stride, double scaling, List<String> targets, boolean perSequence,
        double dropout) {

    static LilySettings from(MethodOptions o) {
        String stride = o.string("stride");
        return new LilySettings(o.integer("r"), o.integer("experts"),
                stride.equals(Lily.STRIDE_AUTO) ? OptionalInt.empty() : OptionalInt.of(o.integer("stride")),
                o.number("scaling"), o.list("targets"), o.string("routing").equals(Lily.ROUTING_SEQUENCE), o.number("dropout"));
    }

    /** The stride on {@code model}: the one set, or layers / experts (at least 1), as the official GLUE code. */
    int stride(Backbone model) {
        return stride.orElseGet(() -> Math.max(1, model.sites().layerStack().numLayers() / experts));
    }
}
