package org.peftrepro.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.Models;

/** The papers' parameter counts, from the bundled configs with nothing allocated. */
class MethodCountsTest {

    private static Adaptation attach(String method, String model, Map<String, String> options) {
        PeftMethod m = MethodRegistry.load().get(method);
        Backbone backbone = Models.build(ModelLocator.config(model));
        Adaptation adaptation = m.attach(backbone, m.resolve(options));
        assertThat(adaptation.trainable().asMap().values()).as("nothing allocated for counting").noneMatch(Parameter::isInitialized);
        return adaptation;
    }

    @Test
    void loraR8OnQueryAndValue() {
        // r (in + out) per linear: RoBERTa-base 12 x 2 x 8 x 1,536; LLaMA-2-7B 32 x 2 x 8 x 8,192.
        assertThat(attach("lora", "FacebookAI/roberta-base", Map.of()).trainable().count()).isEqualTo(294_912L);
        assertThat(attach("lora", "meta-llama/Llama-2-7b-hf", Map.of("targets", "q_proj,v_proj")).trainable().count())
                .isEqualTo(4_194_304L);
    }

    @Test
    void lilyAndTheAdaptersAreFoundByName() {
        assertThat(MethodRegistry.load().names()).containsSubsequence("ft", "bitfit", "adapter-houlsby", "adapter-pfeiffer", "lora", "lily");
        assertThat(attach("lily", "FacebookAI/roberta-base", Map.of()).trainable().count()).isEqualTo(198_144L);
        assertThat(attach("adapter-pfeiffer", "FacebookAI/roberta-base", Map.of()).trainable().count()).isEqualTo(12 * 25_360L);
    }

    /**
     * Table II declares no LoRA rank of its own: the LoRA it declares, the recipe's injected LoRA (r = 32 on q and v),
     * costs what the LoR2C family's r = 64 costs: 32 x 2 x 32 x 8,192 = 32 x 2 x 4,096 x 64.
     */
    @Test
    void table2sLoraCostsWhatItsLor2cCosts() {
        MethodRegistry registry = MethodRegistry.load();
        for (String method : List.of("lora", "lor2c", "im-lor2c")) {
            Map<String, String> table2 = registry.get(method).declaration().protocol("table2").orElseThrow().options();
            assertThat(attach(method, "meta-llama/Llama-2-7b-hf", table2).trainable().count()).as(method)
                    .isEqualTo(16_777_216L);
        }
    }

    /** LLaMA-2-7B (d = 4,096, 32 layers), Lily r = 32, N_e = 2, stride 16, q and v: 2 x (2 x 131,072 + 2 x 131,072 + 32 x 64). */
    @Test
    void lilyOnLlama() {
        assertThat(attach("lily", "meta-llama/Llama-2-7b-hf", Map.of()).trainable().count())
                .isEqualTo(2L * (2 * 131_072 + 2 * 131_072 + 32 * 64));
    }
}
