package org.peftrepro.methods.lowrank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.peftrepro.models.nn.Initializers;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;

/**
 * {@code (alpha / r) * B A dropout(x)} with A: (r, in) Kaiming-uniform and B: (out, r) zeros, the update
 * LoRA adds to a linear layer and LoR2C adds across layers. A may be shared by several updates.
 */
public final class LowRankUpdate {
    private final Parameter a;
    private final Parameter b;
    private final double scaling;
    private final double dropout;

    /**
     * @param a (rank, in): a new parameter from {@link #newA}, or one shared with other updates
     * @param b (out, rank): a new parameter from {@link #newB}
     */
    public LowRankUpdate(Parameter a, Parameter b, double alpha, double dropout) {
        this.a = a;
        this.b = b;
        int rank = Math.toIntExact(a.getShape().get(0));
        if (b.getShape().get(1) != rank) {
            throw new IllegalArgumentException("B " + b.getShape() + " does not fit A " + a.getShape());
        }
        this.scaling = alpha / rank;
        this.dropout = dropout;
    }

    public static Parameter newA(String name, int rank, long in) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(rank, in))
                .optInitializer(Initializers.kaimingUniform(in)).build();
    }

    public static Parameter newB(String name, long out, int rank) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(out, rank))
                .optInitializer(Initializers.zeros()).build();
    }

    /** A trainable parameter holding a copy of {@code source}'s values (a merged module's start). */
    public static Parameter copyOf(String name, Parameter source) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(source.getShape())
                .optInitializer((manager, shape, type) -> source.getArray().duplicate()).build();
    }

    /** Creates A and B with their inits where not yet created (a shared A is created once). */
    public void initialize(NDManager manager) {
        for (Parameter p : new Parameter[] {a, b}) {
            if (!p.isInitialized()) {
                p.initialize(manager, DataType.FLOAT32);
            }
        }
    }

    /** @param x (..., in) @return (..., out) */
    public NDArray apply(NDArray x, ForwardContext context) {
        NDArray h = context.dropout(x, dropout);
        NDArray z = h.getNDArrayInternal().linear(h, a.getArray(), null).singletonOrThrow();
        return Scalars.mul(z.getNDArrayInternal().linear(z, b.getArray(), null).singletonOrThrow(), scaling);
    }

    public Parameter a() {
        return a;
    }

    public Parameter b() {
        return b;
    }
}
