package org.peftrepro.baselines;

import java.util.List;
import org.peftrepro.methods.lowrank.LowRankUpdate;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.sites.LinearDelta;
import org.peftrepro.models.sites.LinearSite;

/**
 * LoRA (Hu et al. 2021): for each targeted linear, {@code y = W x + b + (alpha / r) B A dropout(x)}, A: (r, in)
 * Kaiming-uniform, B: (out, r) zeros. Parameters are named as PEFT names them in memory, minus the adapter
 * name: {@code <module>.lora_A.weight}. Defaults are the LoRA paper's RoBERTa-base GLUE setting.
 */
public final class Lora implements PeftMethod {
    @Override
    public String name() {
        return "lora";
    }

    @Override
    public String description() {
        return "LoRA: W x + (alpha/r) B A x on the targeted linear layers";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("r", "8", "rank of B A"),
                new OptionSpec("alpha", "8", "scaling numerator: the update is multiplied by alpha / r"),
                new OptionSpec("dropout", "0.0", "dropout on the update's input"),
                new OptionSpec("targets", "query,value", "linear layers to adapt: module names (q_proj) or roles (query)"));
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        int r = options.positiveInt("r");
        double alpha = options.positiveDouble("alpha");
        double dropout = options.probability("dropout");
        BasicAdaptation adaptation = new BasicAdaptation(options);
        for (LinearSite site : model.sites().linears(options.list("targets"))) {
            String prefix = site.moduleName();
            LowRankUpdate update = new LowRankUpdate(
                    adaptation.addOwn(prefix + ".lora_A.weight", LowRankUpdate.newA(prefix + ".lora_A.weight", r, site.inFeatures())),
                    adaptation.addOwn(prefix + ".lora_B.weight", LowRankUpdate.newB(prefix + ".lora_B.weight", site.outFeatures(), r)),
                    alpha, dropout);
            LinearDelta delta = update::apply;
            site.addDelta(delta);
            adaptation.onDetach(() -> site.removeDelta(delta));
        }
        return adaptation;
    }
}
