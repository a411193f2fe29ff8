package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peftrepro.evaluation.lm.CausalLm;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.Sampling;
import org.peftrepro.models.io.SafetensorsFile;

/**
 * Cached, batched, left-padded generation on the tiny LLaMA fixture (random weights of std 0.2, so a wrong mask,
 * position or cache slot changes the tokens): HF's greedy ids, the uncached route token for token, each prompt
 * alone, with a PEFT LoRA adapter too.
 */
class GenerationTest {
    /** Prompts of 6, 2 and 11 tokens (BOS first), from the fixture's inputs. */
    private static final List<int[]> PROMPTS = List.of(
            new int[] {0, 70, 150, 98, 112, 201},
            new int[] {0, 33},
            new int[] {0, 77, 150, 82, 63, 90, 131, 4, 201, 5, 12});
    private static CausalLm base;
    private static CausalLm withLora;

    @BeforeAll
    static void load() throws Exception {
        Path folder = Fixtures.folder("llama-tiny");
        base = CausalLm.load(folder, null, Device.cpu());
        withLora = CausalLm.load(folder, Fixtures.folder("llama-tiny-lora"), Device.cpu());
    }

    @AfterAll
    static void close() {
        base.close();
        withLora.close();
    }

    @Test
    void greedyContinuationOfOnePromptIsHfTransformersGreedyIds() throws Exception {
        long[] greedy;
        long[] prompt;
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile expected = SafetensorsFile.open(Fixtures.folder("llama-tiny").resolve("expected.safetensors"))) {
            greedy = expected.readLongs("greedy_ids");
            NDArray ids = expected.read("input_ids", manager);
            prompt = ids.get("0, 0:6").toLongArray();
        }
        int[] promptIds = Arrays.stream(prompt).mapToInt(Math::toIntExact).toArray();
        Generation out = base.generateIds(List.of(promptIds), GenerationSettings.greedy(greedy.length - 6, List.of()), 1, n -> {})
                .get(0);
        int[] continuation = Arrays.stream(Arrays.copyOfRange(greedy, 6, greedy.length)).mapToInt(Math::toIntExact).toArray();
        assertThat(out.tokens()).containsExactly(continuation);
    }

    @Test
    void theCacheChangesNoTokenWithOrWithoutALoraAdapter() {
        GenerationSettings settings = GenerationSettings.greedy(24, List.of());
        for (CausalLm lm : List.of(base, withLora)) {
            List<Generation> cached = lm.generateIds(PROMPTS, settings, 3, n -> {});
            List<Generation> recomputed = lm.generateIds(PROMPTS, settings.withCache(false), 3, n -> {});
            for (int i = 0; i < PROMPTS.size(); i++) {
                assertThat(cached.get(i).tokens()).as("%s, prompt %d", lm.description(), i)
                        .containsExactly(recomputed.get(i).tokens());
            }
        }
        // The adapter's B is non-zero: it must show in the tokens, or the comparison above proves nothing about it.
        assertThat(withLora.generateIds(PROMPTS, settings, 3, n -> {}).get(2).tokens())
                .isNotEqualTo(base.generateIds(PROMPTS, settings, 3, n -> {}).get(2).tokens());
    }

    @Test
    void aLeftPaddedBatchGivesEachPromptWhatItGetsAlone() {
        GenerationSettings settings = GenerationSettings.greedy(16, List.of());
        for (CausalLm lm : List.of(base, withLora)) {
            List<Generation> together = lm.generateIds(PROMPTS, settings, 3, n -> {});
            for (int i = 0; i < PROMPTS.size(); i++) {
                Generation alone = lm.generateIds(List.of(PROMPTS.get(i)), settings, 1, n -> {}).get(0);
                assertThat(together.get(i).tokens()).as("%s, prompt %d", lm.description(), i).containsExactly(alone.tokens());
                assertThat(together.get(i).text()).isEqualTo(alone.text());
            }
        }
    }

    @Test
    void eachSequenceStopsAtItsOwnStopStringAndItsTextIsCutBeforeIt() {
        List<Generation> free = base.generateIds(PROMPTS, GenerationSettings.greedy(20, List.of()), 3, n -> {});
        String text = free.get(0).text();
        // A piece of the first sequence's own text, from its middle: it must stop there, the others run on.
        String stop = text.substring(text.length() / 2, text.length() / 2 + 2);
        assertThat(free.get(1).text()).doesNotContain(stop);
        List<Generation> stopped = base.generateIds(PROMPTS, GenerationSettings.greedy(20, List.of(stop)), 3, n -> {});

        Generation first = stopped.get(0);
        assertThat(first.stop()).isEqualTo(Generation.Stop.STOP_STRING);
        assertThat(first.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
        assertThat(first.tokens().length).isLessThan(20);
        assertThat(free.get(0).tokens()).startsWith(first.tokens());
        assertThat(stopped.get(1).tokens()).containsExactly(free.get(1).tokens());
        assertThat(stopped.get(1).stop()).isEqualTo(Generation.Stop.LENGTH);
    }

    @Test
    void samplingWithASeedRepeatsInAnyBatchAndAColdTemperatureIsGreedy() {
        GenerationSettings sampled = GenerationSettings.greedy(12, List.of()).withSampling(new Sampling.Sampled(1.5, 0.95, 0, 42));
        List<Generation> batched = base.generateIds(PROMPTS, sampled, 3, n -> {});
        List<Generation> oneByOne = base.generateIds(PROMPTS, sampled, 1, n -> {});
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertThat(batched.get(i).tokens()).containsExactly(oneByOne.get(i).tokens());
            tokens.add(batched.get(i).tokens());
        }
        List<Generation> otherSeed = base.generateIds(PROMPTS,
                sampled.withSampling(new Sampling.Sampled(1.5, 0.95, 0, 43)), 3, n -> {});
        assertThat(otherSeed.stream().map(Generation::tokens).toList()).usingRecursiveComparison().isNotEqualTo(tokens);

        List<Generation> cold = base.generateIds(PROMPTS, sampled.withSampling(new Sampling.Sampled(1e-4, 1.0, 0, 42)), 3, n -> {});
        List<Generation> greedy = base.generateIds(PROMPTS, GenerationSettings.greedy(12, List.of()), 3, n -> {});
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertThat(cold.get(i).tokens()).containsExactly(greedy.get(i).tokens());
        }
    }

    @Test
    void aContinuationsLogprobIsTheSumOfLogSoftmaxOfAPlainForwardPass() {
        List<String[]> pairs = List.of(new String[] {"the movie was", " great"},
                new String[] {"not very good but fun ", "it is a boring story"},
                new String[] {"loved", " the acting and the plot"});
        var scored = withLora.loglikelihood(pairs, 3, n -> {});
        var alone = withLora.loglikelihood(pairs.subList(1, 2), 1, n -> {});
        assertThat(scored.get(1).logprob()).isCloseTo(alone.get(0).logprob(), org.assertj.core.data.Offset.offset(1e-5));

        for (int i = 0; i < pairs.size(); i++) {
            var ids = withLora.tokenizer().encodePair(pairs.get(i)[0], pairs.get(i)[1]);
            int[] whole = new int[ids.context().length + ids.continuation().length];
            System.arraycopy(ids.context(), 0, whole, 0, ids.context().length);
            System.arraycopy(ids.continuation(), 0, whole, ids.context().length, ids.continuation().length);
            double expected = 0;
            boolean greedy = true;
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray input = manager.create(Arrays.stream(whole).asLongStream().toArray(), new Shape(1, whole.length));
                float[][] logSoftmax = rows(withLora.model().forward(input, null,
                        org.peftrepro.models.sites.ForwardContext.inference(null)).logits().logSoftmax(-1));
                for (int t = ids.context().length; t < whole.length; t++) {
                    float[] row = logSoftmax[t - 1];
                    expected += row[whole[t]];
                    int best = 0;
                    for (int v = 1; v < row.length; v++) {
                        best = row[v] > row[best] ? v : best;
                    }
                    greedy &= best == whole[t];
                }
            }
            assertThat(scored.get(i).logprob()).as("request %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(scored.get(i).greedy()).as("request %d", i).isEqualTo(greedy);
            assertThat(scored.get(i).tokens()).isEqualTo(ids.continuation().length);
        }
    }

    private static float[][] rows(NDArray logits) {
        long[] s = logits.getShape().getShape();
        float[] flat = logits.toFloatArray();
        float[][] out = new float[(int) s[1]][(int) s[2]];
        for (int t = 0; t < s[1]; t++) {
            System.arraycopy(flat, (int) (t * s[2]), out[t], 0, (int) s[2]);
        }
        return out;
    }
}
