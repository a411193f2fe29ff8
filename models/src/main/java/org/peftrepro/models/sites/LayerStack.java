package org.peftrepro.models.sites;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The backbone's stack of layers, seen as a place for cross-layer residual paths. The set of paths may
 * change between epochs (merges, injections); the forward pass reads it afresh each time.
 */
public final class LayerStack {
    private final int numLayers;
    private final long hiddenSize;
    private final List<ResidualPath> paths = new CopyOnWriteArrayList<>();

    public LayerStack(int numLayers, long hiddenSize) {
        this.numLayers = numLayers;
        this.hiddenSize = hiddenSize;
    }

    public int numLayers() {
        return numLayers;
    }

    public long hiddenSize() {
        return hiddenSize;
    }

    public void addPath(ResidualPath path) {
        if (path.start() < 0 || path.end() >= numLayers || path.start() > path.end()) {
            throw new IllegalArgumentException("a residual path must span layers 0.." + (numLayers - 1)
                    + " with start <= end, got " + path.start() + ".." + path.end());
        }
        paths.add(path);
    }

    public void removePath(ResidualPath path) {
        if (!paths.remove(path)) {
            throw new IllegalArgumentException("no such residual path on the layer stack: " + path);
        }
    }

    /**
     * The output of layer {@code layer} with every path ending there added, in the order the paths were added:
     * {@code h_{e+1} = F_e(h_e) + sum over paths (s, e) of path(h_s)}.
     *
     * @param layerOutput F_e(h_e), (batch, seq, hidden)
     * @param layerInputs h_0 .. h_e: the input of every layer up to this one ({@code layerInputs.get(s)} enters layer s)
     */
    public NDArray addPathsEndingAt(int layer, NDArray layerOutput, List<NDArray> layerInputs, ForwardContext context) {
        NDArray h = layerOutput;
        for (ResidualPath path : endingAt(layer)) {
            h = h.add(path.apply(layerInputs.get(path.start()), context));
        }
        return h;
    }

    /** Paths whose output is added after layer {@code layer}, in the order they were added. */
    public List<ResidualPath> endingAt(int layer) {
        List<ResidualPath> result = new ArrayList<>(2);
        for (ResidualPath p : paths) {
            if (p.end() == layer) {
                result.add(p);
            }
        }
        return result;
    }
}
