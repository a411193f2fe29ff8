package org.peftrepro.methods.lor2c;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.Models;

/** The counts of methods.md, from the published configs, nothing allocated. */
class Lor2cCountTest {

    private static Adaptation attach(PeftMethod method, String model, Map<String, String> options) {
        return method.attach(Models.build(ModelLocator.config(model)), method.resolve(options));
    }

    @Test
    void robertaBase() {
        assertThat(attach(new Lor2c(), "roberta-base", Map.of()).trainable().count()).isEqualTo(147_456);
        assertThat(attach(new ShareLor2c(), "roberta-base", Map.of()).trainable().count()).isEqualTo(79_872);
        Adaptation merge = attach(new MergeLor2c(), "roberta-base", Map.of("merges", "4"));
        assertThat(merge.trainable().count()).isEqualTo(147_456);
        assertThat(merge.trainableAtEnd(30)).isEqualTo(98_304);
        // Injections swap a module for two rank-4 LoRAs on W_Q and W_V of the same size: 2 * 4 * (768 + 768) = 12,288.
        assertThat(attach(new InjectLor2c(), "roberta-base", Map.of()).trainableAtEnd(30)).isEqualTo(147_456);
        assertThat(attach(new ImLor2c(), "roberta-base", Map.of()).trainableAtEnd(30)).isEqualTo(98_304);
    }

    @Test
    void llama2_7b() {
        assertThat(attach(new Lor2c(), "meta-llama/Llama-2-7b-hf", Map.of()).trainable().count()).isEqualTo(2_097_152);
        assertThat(attach(new Lor2c(), "meta-llama/Llama-2-7b-hf", Map.of("r", "64")).trainable().count()).isEqualTo(16_777_216);
        assertThat(attach(new ShareLor2c(), "meta-llama/Llama-2-7b-hf", Map.of()).trainable().count()).isEqualTo(1_081_344);
    }
}
