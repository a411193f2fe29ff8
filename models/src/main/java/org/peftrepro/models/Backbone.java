package org.peftrepro.models;

import java.util.Set;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.Sites;

/** A Transformer model as methods and the training engine see it: named parameters and sites. */
public interface Backbone {
    ModelConfig config();

    /** Every parameter of the model, backbone and head, under its HF name. */
    NamedParameters parameters();

    /** Names of the task head's parameters (trained in every GLUE run, never counted as the method's). */
    Set<String> headParameterNames();

    Sites sites();
}
