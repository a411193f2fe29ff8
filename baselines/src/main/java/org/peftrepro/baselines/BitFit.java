package org.peftrepro.baselines;

import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.ProtocolDefaults;
import org.peftrepro.models.Backbone;

/** BitFit (Ben Zaken et al. 2022): only the bias terms train, LayerNorm biases included. */
public final class BitFit extends DeclaredMethod {
    public BitFit() {
        super(MethodDeclaration.builder("bitfit")
                .displayName("BitFit")
                .description("BitFit: only the bias terms of the backbone train")
                .row(20)
                .protocol(ProtocolDefaults.of("table1", "not in either paper: the BitFit paper's usual rate for base-size"
                        + " models, the head at the same rate").withLr(1e-3).withHeadLrScale(1.0))
                .build());
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
