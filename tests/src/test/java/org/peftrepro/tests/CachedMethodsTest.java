package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.Generator;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.llama.LlamaForCausalLM;

/**
 * Methods attached to the LLaMA's sites act per token, so cached generation gives the tokens of recomputing every
 * step: LoR2C's residual paths across layers, bottleneck adapters on sub-layer outputs, LoRA on linears. Each
 * method's zero-initialised weights are set at random first, or the comparison would only see the backbone.
 */
class CachedMethodsTest {
    private static final List<int[]> PROMPTS = List.of(new int[] {0, 70, 150, 98, 112, 201}, new int[] {0, 33},
            new int[] {0, 77, 150, 82, 63, 90, 131, 4, 201, 5, 12});

    @ParameterizedTest
    @ValueSource(strings = {"lor2c", "merge-lor2c", "adapter-houlsby", "lora"})
    void cachedGenerationGivesTheTokensOfRecomputingEveryStep(String name) throws Exception {
        Path folder = Fixtures.folder("llama-tiny");
        try (NDManager manager = NDManager.newBaseManager(); CausalTokenizer tokenizer = CausalTokenizer.load(folder)) {
            LlamaForCausalLM model = (LlamaForCausalLM) PretrainedModel.load(folder, manager).model();
            Generator generator = new Generator(model, tokenizer, manager);
            GenerationSettings settings = GenerationSettings.greedy(16, List.of());
            List<Generation> base = generator.generate(PROMPTS, settings);

            PeftMethod method = MethodRegistry.load().get(name);
            Adaptation adaptation = method.attach(model, method.resolve(Map.of()));
            adaptation.initialize(manager);
            Engine.getInstance().setRandomSeed(3);
            for (Parameter p : adaptation.trainable().asMap().values()) {
                p.getArray().addi(manager.randomNormal(0f, 0.5f, p.getShape(), DataType.FLOAT32));
            }
            List<Generation> cached = generator.generate(PROMPTS, settings);
            List<Generation> recomputed = generator.generate(PROMPTS, settings.withCache(false));
            for (int i = 0; i < PROMPTS.size(); i++) {
                assertThat(cached.get(i).tokens()).as("%s, prompt %d", name, i).containsExactly(recomputed.get(i).tokens());
            }
            assertThat(cached.stream().map(Generation::tokens).toList()).as("%s changes the tokens", name)
                    .usingRecursiveComparison().isNotEqualTo(base.stream().map(Generation::tokens).toList());
            adaptation.detach();
        }
    }
}
