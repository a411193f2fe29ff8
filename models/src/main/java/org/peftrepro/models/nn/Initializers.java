package org.peftrepro.models.nn;

import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;

/** The PyTorch inits the papers and HF use, as DJL initializers (drawn from the engine's seeded RNG). */
public final class Initializers {
    private Initializers() {}

    /**
     * PyTorch's {@code kaiming_uniform_(w, a=sqrt(5))}, the default {@code nn.Linear} weight init:
     * gain sqrt(2 / (1 + 5)), bound = gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
     */
    public static Initializer kaimingUniform(long fanIn) {
        return new UniformInitializer((float) (1.0 / Math.sqrt(fanIn)));
    }

    /** HF's {@code _init_weights} for Linear and Embedding weights: N(0, initializer_range). */
    public static Initializer normal(double std) {
        return new NormalInitializer((float) std);
    }

    public static Initializer zeros() {
        return new ConstantInitializer(0f);
    }

    public static Initializer ones() {
        return new ConstantInitializer(1f);
    }
}
