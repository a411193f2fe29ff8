package org.peftrepro.methods.lor2c;

/** ShareLoR2C: LoR2C with one A shared by every layer. */
public final class ShareLor2c extends Lor2cFamily {
    public ShareLor2c() {
        super("share-lor2c", "ShareLoR2C", "ShareLoR2C: LoR2C with one A shared by every layer", 70, true, 0, 0);
    }
}
