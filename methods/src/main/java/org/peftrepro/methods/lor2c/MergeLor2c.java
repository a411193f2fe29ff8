package org.peftrepro.methods.lor2c;

/** MergeLoR2C: LoR2C merging the adjacent modules of lowest SFS. */
public final class MergeLor2c extends Lor2cFamily {
    public MergeLor2c() {
        super("merge-lor2c", "MergeLoR2C", "MergeLoR2C: LoR2C merging the adjacent modules of lowest SFS", 80, false, 4, 0);
    }
}
