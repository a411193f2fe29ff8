package org.peftrepro.baselines;

import java.util.EnumSet;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * Pfeiffer adapters (Pfeiffer et al. 2021): one bottleneck adapter after the FFN output of every layer. The
 * default m = 16 gives about 0.3M parameters on RoBERTa-base (12 x 25,360).
 */
public final class AdapterPfeiffer extends BottleneckAdapterMethod {
    public AdapterPfeiffer() {
        super("adapter-pfeiffer", "Adapter (Pfeiffer)", "Pfeiffer adapters: a bottleneck adapter after the FFN output",
                40, 16, EnumSet.of(SubLayerSite.Kind.FFN));
    }
}
