package org.peftrepro.methods.lor2c;

/** LoR2C: a low-rank residual connection across each layer. */
public final class Lor2c extends Lor2cFamily {
    public Lor2c() {
        super("lor2c", "LoR2C", "LoR2C: a low-rank residual connection across each layer", 60, false, 0, 0);
    }
}
