package org.peftrepro.baselines;

import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.ProtocolDefaults;
import org.peftrepro.models.Backbone;

/** Full fine-tuning: every backbone parameter trains (embeddings included), as in the papers' FT rows. */
public final class FullFineTuning extends DeclaredMethod {
    public FullFineTuning() {
        super(MethodDeclaration.builder("ft")
                .displayName("FT")
                .description("full fine-tuning: every backbone parameter trains")
                .row(10)
                .protocol(ProtocolDefaults.of("table1", "not in either paper: the usual rate for fine-tuning RoBERTa-base"
                        + " (the RoBERTa paper's GLUE range), the head at the same rate").withLr(2e-5).withHeadLrScale(1.0))
                .build());
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        BasicAdaptation adaptation = new BasicAdaptation(options);
        model.parameters().asMap().forEach((name, p) -> {
            if (!model.headParameterNames().contains(name) && !adaptation.trainable().asMap().containsValue(p)) {
                adaptation.trainInPlace(name, p);
            }
        });
        return adaptation;
    }
}
