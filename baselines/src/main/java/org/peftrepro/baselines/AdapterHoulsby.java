package org.peftrepro.baselines;

import java.util.EnumSet;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * Houlsby adapters (Houlsby et al. 2019): a bottleneck adapter after the attention output and another after the
 * FFN output of every layer. The default m = 8 gives about 0.3M parameters on RoBERTa-base (24 x 13,064).
 */
public final class AdapterHoulsby extends BottleneckAdapterMethod {
    public AdapterHoulsby() {
        super("adapter-houlsby", "Adapter (Houlsby)",
                "Houlsby adapters: bottleneck adapters after the attention and the FFN outputs", 30, 8,
                EnumSet.of(SubLayerSite.Kind.ATTENTION, SubLayerSite.Kind.FFN));
    }
}
