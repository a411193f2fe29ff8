package org.peftrepro.models.sites;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sub-layer output site a backbone layer applies before its residual add. */
public final class SubLayerOutput implements SubLayerSite {
    private final String name;
    private final int layer;
    private final Kind kind;
    private final long hiddenSize;
    private final List<OutputTransform> transforms = new CopyOnWriteArrayList<>();

    public SubLayerOutput(String name, int layer, Kind kind, long hiddenSize) {
        this.name = name;
        this.layer = layer;
        this.kind = kind;
        this.hiddenSize = hiddenSize;
    }

    /** Runs the attached transforms in order (none: the output unchanged). */
    public NDArray apply(NDArray output, ForwardContext context) {
        NDArray result = output;
        for (OutputTransform t : transforms) {
            result = t.apply(result, context);
        }
        return result;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public long hiddenSize() {
        return hiddenSize;
    }

    @Override
    public void addTransform(OutputTransform transform) {
        transforms.add(transform);
    }

    @Override
    public void removeTransform(OutputTransform transform) {
        if (!transforms.remove(transform)) {
            throw new IllegalArgumentException("no such transform on " + name);
        }
    }

    @Override
    public List<OutputTransform> transforms() {
        return List.copyOf(transforms);
    }
}
