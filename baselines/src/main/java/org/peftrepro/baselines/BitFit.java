package org.peftrepro.baselines;

import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.NamedMethod;
import org.peftrepro.models.Backbone;

/** BitFit (Ben Zaken et al. 2022): only the bias terms train, LayerNorm biases included. */
public final class BitFit extends NamedMethod {
    public BitFit() {
        super("bitfit", "BitFit: only the bias terms of the backbone train");
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        BasicAdaptation adaptation = new BasicAdaptation(options);
        model.parameters().asMap().forEach((name, p) -> {
            if (name.endsWith(".bias") && !model.headParameterNames().contains(name)) {
                adaptation.trainInPlace(name, p);
            }
        });
        if (adaptation.trainable().size() == 0) {
            throw new IllegalArgumentException("bitfit: this model has no bias terms to train");
        }
        return adaptation;
    }
}
