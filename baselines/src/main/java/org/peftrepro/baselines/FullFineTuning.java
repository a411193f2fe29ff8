package org.peftrepro.baselines;

import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.NamedMethod;
import org.peftrepro.models.Backbone;

/** Full fine-tuning: every backbone parameter trains (embeddings included), as in the papers' FT rows. */
public final class FullFineTuning extends NamedMethod {
    public FullFineTuning() {
        super("ft", "full fine-tuning: every backbone parameter trains");
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
