package org.peftrepro.methods.lor2c;

import org.peftrepro.methods.spi.MethodOptions;

/**
 * The LoR2C family's options, validated.
 *
 * @param officialCode {@code fidelity=official-code}: what produced the published numbers (merged and injected
 *     modules never train; injection removes the module with the LARGEST score); otherwise the paper's semantics
 */
record Lor2cSettings(int r, double alpha, double dropout, boolean shareA, int merges, int injections,
        ShapeOfFeatureSpace.Form sfs, int k, boolean officialCode, double injectDropout) {

    static Lor2cSettings from(MethodOptions o, boolean shareA) {
        int r = o.positiveInt("r");
        return new Lor2cSettings(r, o.positiveDouble("alpha"), o.probability("dropout"), shareA,
                o.nonNegativeInt("merges"), o.nonNegativeInt("injections"),
                ShapeOfFeatureSpace.Form.parse(o.choice("sfs", "top-k-share", "spread", "mean")),
                o.nonNegativeInt("k"), o.choice("fidelity", "paper", "official-code").equals("official-code"),
                o.probability("inject-dropout"));
    }

    /** The injected LoRAs' rank: two of rank r/2 on W_Q and W_V cost what the module did (2 d r). */
    int injectedRank() {
        return Math.max(1, r / 2);
    }
}
