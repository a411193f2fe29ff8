package org.peftrepro.methods.lor2c;

/** IMLoR2C: MergeLoR2C and InjectLoR2C together. */
public final class ImLor2c extends Lor2cFamily {
    public ImLor2c() {
        super("im-lor2c", "IM-LoR2C", "IMLoR2C: MergeLoR2C and InjectLoR2C together", 100, false, 4, 4);
    }
}
