package org.peftrepro.methods.lor2c;

import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.methods.spi.MethodOptions;

/**
 * The LoR2C family's options, as values (already checked against their types when resolved).
 *
 * @param officialCode {@code fidelity=official-code}: what produced the published numbers (merged and injected
 *     modules never train; injection removes the module with the LARGEST score); otherwise the paper's semantics
 * @param injectAlpha the injected LoRAs' scaling numerator (their rank is r/2)
 */
record Lor2cSettings(int r, double alpha, double dropout, boolean shareA, int merges, int injections,
        ShapeOfFeatureSpace.Form sfs, int k, boolean officialCode, double injectAlpha, double injectDropout) {

    static Lor2cSettings from(MethodOptions o, boolean shareA) {
        return new Lor2cSettings(o.integer("r"), o.number("alpha"), o.number("dropout"), shareA,
                o.integer("merges"), o.integer("injections"), ShapeOfFeatureSpace.Form.parse(o.string("sfs")),
                o.integer("k"), o.string("fidelity").equals(Fidelity.OFFICIAL_CODE.wireName()),
                o.number("inject-alpha"), o.number("inject-dropout"));
    }

    /** The injected LoRAs' rank: two of rank r/2 on W_Q and W_V cost what the module did (2 d r). */
    int injectedRank() {
        return Math.max(1, r / 2);
    }
}
