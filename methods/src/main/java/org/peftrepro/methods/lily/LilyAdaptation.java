package org.peftrepro.methods.lily;

import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.MethodOptions;

/**
 * Lily's trainable set, plus the names PEFT saves: its state dict repeats a shared A and the shared B pool
 * under every layer that uses them.
 */
final class LilyAdaptation extends BasicAdaptation {
    private final Map<String, Parameter> saved = new LinkedHashMap<>();

    LilyAdaptation(MethodOptions options) {
        super(options);
    }

    void savedAs(String module, Parameter a, Parameter router, Parameter pool) {
        saved.put(module + ".lily_A.weight", a);
        saved.put(module + ".lily_B.weight", pool);
        saved.put(module + ".lily_router.weight", router);
    }

    /** Every name PEFT saves, to its parameter: a shared A and the B pool under every layer that uses them. */
    Map<String, Parameter> peftSavedParameters() {
        return Collections.unmodifiableMap(saved);
    }
}
