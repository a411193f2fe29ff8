package org.peftrepro.methods.lor2c;

/** InjectLoR2C: LoR2C replacing modules by LoRA on W_Q, W_V by SFS. */
public final class InjectLor2c extends Lor2cFamily {
    public InjectLor2c() {
        super("inject-lor2c", "InjectLoR2C", "InjectLoR2C: LoR2C replacing modules by LoRA on W_Q, W_V by SFS", 90, false, 0, 4);
    }
}
