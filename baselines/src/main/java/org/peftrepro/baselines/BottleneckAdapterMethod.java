package org.peftrepro.baselines;

import java.util.List;
import java.util.Set;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.NamedMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * Bottleneck adapters ({@link BottleneckAdapter}) on the sub-layer outputs of the given kinds, after the output
 * projection and its dropout, before the residual add and LayerNorm. The variants differ in placement only.
 */
abstract class BottleneckAdapterMethod extends NamedMethod {
    private final int defaultBottleneck;
    private final Set<SubLayerSite.Kind> placements;

    BottleneckAdapterMethod(String name, String description, int defaultBottleneck, Set<SubLayerSite.Kind> placements) {
        super(name, description);
        this.defaultBottleneck = defaultBottleneck;
        this.placements = placements;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("bottleneck", Integer.toString(defaultBottleneck), "bottleneck width m of each adapter"),
                new OptionSpec("activation", AdapterActivation.RELU.optionValue(),
                        "non-linearity between the down and up projections: " + String.join("|", AdapterActivation.optionValues())));
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        int m = options.positiveInt("bottleneck");
        AdapterActivation activation = AdapterActivation.fromOptionValue(options.choice("activation", AdapterActivation.optionValues()));
        BasicAdaptation adaptation = new BasicAdaptation(options);
        for (SubLayerSite site : model.sites().subLayerOutputs()) {
            if (placements.contains(site.kind())) {
                BottleneckAdapter adapter = BottleneckAdapter.declare(adaptation, site, m, activation);
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
