package org.peftrepro.tests.plugin;

import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.sites.LinearSite;

/**
 * A method as a user would write one in a jar of their own: train the FFN output projection of the last
 * layers. It is registered only through META-INF/services in the test resources, and declares no row, so it
 * comes after the suite's methods.
 */
public final class LastLayerTuning extends DeclaredMethod {
    public LastLayerTuning() {
        super(MethodDeclaration.builder("last-layer")
                .displayName("Last layers")
                .description("trains the FFN output projection of the last layers")
                .option(OptionSpec.positiveInteger("layers", 1, "how many of the last layers"))
                .build());
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        int layers = options.integer("layers");
        int total = model.sites().layerStack().numLayers();
        BasicAdaptation adaptation = new BasicAdaptation(options);
        for (LinearSite site : model.sites().linears()) {
            if (site.role().equals("ffn.down") && site.layer() >= total - layers) {
                adaptation.trainInPlace(site.moduleName() + ".weight", site.weight());
            }
        }
        return adaptation;
    }
}
