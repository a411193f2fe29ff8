package org.peftrepro.models.sites;

import java.util.List;

/** The output of a layer's attention or FFN block, after its output projection, before the residual add. */
public interface SubLayerSite {
    enum Kind { ATTENTION, FFN }

    /** e.g. {@code roberta.encoder.layer.3.attention.output} */
    String name();

    int layer();

    Kind kind();

    long hiddenSize();

    void addTransform(OutputTransform transform);

    void removeTransform(OutputTransform transform);

    List<OutputTransform> transforms();
}
