package org.peftrepro.baselines;

import java.util.List;
import org.peftrepro.methods.spi.MethodOptions;

/** LoRA's options, as values (already checked against their types when resolved). */
record LoraSettings(int r, double alpha, double dropout, List<String> targets) {

    static LoraSettings from(MethodOptions o) {
        return new LoraSettings(o.integer("r"), o.number("alpha"), o.number("dropout"), o.list("targets"));
    }
}
