package org.peftrepro.baselines;

import java.util.Set;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.ProtocolDefaults;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * Bottleneck adapters ({@link BottleneckAdapter}) on the sub-layer outputs of the given kinds, after the output
 * projection and its dropout, before the residual add and LayerNorm. The variants differ in placement only.
 */
abstract class BottleneckAdapterMethod extends DeclaredMethod {
    private final Set<SubLayerSite.Kind> placements;

    /** The adapter's options, as values. */
    record Settings(int bottleneck, AdapterActivation activation) {
        static Settings from(MethodOptions o) {
            return new Settings(o.integer("bottleneck"), AdapterActivation.fromOptionValue(o.string("activation")));
        }
    }

    BottleneckAdapterMethod(String name, String displayName, String description, int row, int defaultBottleneck,
            Set<SubLayerSite.Kind> placements) {
        super(MethodDeclaration.builder(name).displayName(displayName).description(description).row(row)
                .option(OptionSpec.positiveInteger("bottleneck", defaultBottleneck, "bottleneck width m of each adapter"))
                .option(OptionSpec.choice("activation", AdapterActivation.RELU.optionValue(),
                        "non-linearity between the down and up projections", AdapterActivation.optionValues()))
                .protocol(ProtocolDefaults.of("table1", "not in either paper: Houlsby et al.'s usual rate for adapters"
                        + " on base-size models, the head at the same rate").withLr(1e-3).withHeadLrScale(1.0))
                .build());
        this.placements = placements;
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        Settings s = Settings.from(options);
        BasicAdaptation adaptation = new BasicAdaptation(options);
        for (SubLayerSite site : model.sites().subLayerOutputs()) {
            if (placements.contains(site.kind())) {
                BottleneckAdapter adapter = BottleneckAdapter.declare(adaptation, site, s.bottleneck(), s.activation());
                site.addTransform(adapter);
                adaptation.onDetach(() -> site.removeTransform(adapter));
            }
        }
        if (adaptation.trainable().size() == 0) {
            throw new IllegalArgumentException(name() + ": this model has no sub-layer output of the kinds " + placements);
        }
        return adaptation;
    }
}
