package org.peftrepro.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LinearDelta;
import org.peftrepro.models.sites.LinearSite;

/** {@code y = x W^T + b} plus whatever deltas methods attached: the backbone's linear sites. */
public final class Linear implements LinearSite {
    private final String moduleName;
    private final int layer;
    private final String role;
    private final long in;
    private final long out;
    private final Parameter weight;
    private final Parameter bias;
    private final List<LinearDelta> deltas = new CopyOnWriteArrayList<>();

    public Linear(NamedParameters registry, String moduleName, int layer, String role, long in, long out, boolean withBias) {
        this.moduleName = moduleName;
        this.layer = layer;
        this.role = role;
        this.in = in;
        this.out = out;
        this.weight = registry.add(moduleName + ".weight", Parameter.Type.WEIGHT, new Shape(out, in));
        this.bias = withBias ? registry.add(moduleName + ".bias", Parameter.Type.BIAS, new Shape(out)) : null;
    }

    public NDArray forward(NDArray x, ForwardContext context) {
        // linear(input, ...) keeps the result in the input's (per-batch) manager.
        NDArray y = HalfPrecision.linear(x, weight.getArray(), bias == null ? null : bias.getArray());
        for (LinearDelta delta : deltas) {
            y = y.add(delta.apply(x, context));
        }
        return y;
    }

    @Override
    public String moduleName() {
        return moduleName;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public long inFeatures() {
        return in;
    }

    @Override
    public long outFeatures() {
        return out;
    }

    @Override
    public Parameter weight() {
        return weight;
    }

    @Override
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias);
    }

    @Override
    public void addDelta(LinearDelta delta) {
        deltas.add(delta);
    }

    @Override
    public void removeDelta(LinearDelta delta) {
        if (!deltas.remove(delta)) {
            throw new IllegalArgumentException("no such delta on " + moduleName);
        }
    }

    @Override
    public List<LinearDelta> deltas() {
        return List.copyOf(deltas);
    }

    @Override
    public String toString() {
        return "Linear(" + moduleName + ", " + in + " -> " + out + ")";
    }
}
