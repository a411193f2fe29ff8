package org.peftrepro.baselines;

import java.util.Map;
import org.peftrepro.methods.lowrank.LowRankUpdate;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.ProtocolDefaults;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.sites.LinearDelta;
import org.peftrepro.models.sites.LinearSite;

/**
 * LoRA (Hu et al. 2021): for each targeted linear, {@code y = W x + b + (alpha / r) B A dropout(x)}, A: (r, in)
 * Kaiming-uniform, B: (out, r) zeros. Parameters are named as PEFT names them in memory, minus the adapter
 * name: {@code <module>.lora_A.weight}. Defaults are the LoRA paper's RoBERTa-base GLUE setting.
 */
public final class Lora extends DeclaredMethod {
    public Lora() {
        super(MethodDeclaration.builder("lora")
                .displayName("LoRA")
                .description("LoRA: W x + (alpha/r) B A x on the targeted linear layers")
                .row(50)
                .option(OptionSpec.positiveInteger("r", 8, "rank of B A"))
                .option(OptionSpec.positiveNumber("alpha", 8, "scaling numerator: the update is multiplied by alpha / r"))
                .option(OptionSpec.probability("dropout", 0.0, "dropout on the update's input"))
                .option(OptionSpec.targets("query,value"))
                .protocol(ProtocolDefaults.of("table2", "Table II's recipe gives LoRA no rank: the recipe's injected LoRA"
                        + " (r=32, alpha=16, dropout 0.05 on q_proj and v_proj), which costs what LoR2C r=64 costs (16,777,216"
                        + " parameters on LLaMA-2-7B)")
                        .withOptions(Map.of("r", "32", "alpha", "16", "dropout", "0.05", "targets", "q_proj,v_proj")))
                .peftCodec(new LoraCodec())
                .build());
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        LoraSettings s = LoraSettings.from(options);
        BasicAdaptation adaptation = new BasicAdaptation(options);
        for (LinearSite site : model.sites().linears(s.targets())) {
            String prefix = site.moduleName();
            LowRankUpdate update = new LowRankUpdate(
                    adaptation.addOwn(prefix + ".lora_A.weight", LowRankUpdate.newA(prefix + ".lora_A.weight", s.r(), site.inFeatures())),
                    adaptation.addOwn(prefix + ".lora_B.weight", LowRankUpdate.newB(prefix + ".lora_B.weight", site.outFeatures(), s.r())),
                    s.alpha(), s.dropout());
            LinearDelta delta = update::apply;
            site.addDelta(delta);
            adaptation.onDetach(() -> site.removeDelta(delta));
        }
        return adaptation;
    }
}
