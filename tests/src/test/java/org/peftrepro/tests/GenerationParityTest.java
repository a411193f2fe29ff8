package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peftrepro.evaluation.lm.CausalLm;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.LogLikelihood;
import org.peftrepro.models.io.SafetensorsFile;

/**
 * Against HF transformers 5.17 + PEFT 0.21 ({@code fixtures/llama-generation}): {@code model.generate(do_sample=False)}
 * on one left-padded batch of five prompts of different lengths, and lm-evaluation-harness-style log-likelihoods, on
 * the tiny LLaMA, the same with a PEFT LoRA adapter, and a second tiny LLaMA (tied embeddings, 8 query heads over 2
 * key/value heads, rope theta 5e5).
 */
class GenerationParityTest {
    private static final int PAD = 1;

    @ParameterizedTest
    @ValueSource(strings = {"base", "lora", "tied"})
    void batchedGreedyGenerationIsHfsTokenForToken(String name) throws Exception {
        Path fixtures = Fixtures.folder("llama-generation");
        JsonNode expected = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile());
        List<String> prompts = new ArrayList<>();
        expected.get("prompts").forEach(p -> prompts.add(p.asText()));
        int maxNew = expected.get("max_new_tokens").asInt();
        try (CausalLm lm = load(name);
                SafetensorsFile tensors = SafetensorsFile.open(fixtures.resolve("expected.safetensors"))) {
            long[] hfPrompts = tensors.readLongs(name + ".input_ids");
            long[] hfMask = tensors.readLongs(name + ".attention_mask");
            long[] hfNew = tensors.readLongs(name + ".new_ids");
            int promptWidth = hfPrompts.length / prompts.size();

            List<Generation> ours = lm.generate(prompts, GenerationSettings.greedy(maxNew, List.of()), prompts.size(), n -> {});
            for (int i = 0; i < prompts.size(); i++) {
                // The prompt as HF's tokenizer made it, left padding removed.
                int[] prompt = lm.tokenizer().encodePrompt(prompts.get(i));
                long[] hfRow = Arrays.copyOfRange(hfPrompts, i * promptWidth, (i + 1) * promptWidth);
                long padding = Arrays.stream(Arrays.copyOfRange(hfMask, i * promptWidth, (i + 1) * promptWidth))
                        .filter(m -> m == 0).count();
                assertThat(Arrays.stream(prompt).asLongStream().toArray()).as("prompt %d ids", i)
                        .containsExactly(Arrays.copyOfRange(hfRow, (int) padding, promptWidth));

                long[] hfTokens = withoutPaddingAfterEos(Arrays.copyOfRange(hfNew, i * maxNew, (i + 1) * maxNew));
                assertThat(Arrays.stream(ours.get(i).tokens()).asLongStream().toArray()).as("%s, prompt %d", name, i)
                        .containsExactly(hfTokens);
                assertThat(ours.get(i).text()).isEqualTo(expected.at("/models/" + name + "/completions/" + i).asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "lora", "tied"})
    void logLikelihoodsAndGreedyFlagsAreHfsWithin1e4(String name) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Fixtures.folder("llama-generation").resolve("expected.json").toFile());
        JsonNode requests = expected.at("/models/" + name + "/loglikelihood");
        List<String[]> pairs = new ArrayList<>();
        requests.forEach(r -> pairs.add(new String[] {r.get("context").asText(), r.get("continuation").asText()}));
        try (CausalLm lm = load(name)) {
            List<LogLikelihood> ours = lm.loglikelihood(pairs, pairs.size(), n -> {});
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode hf = requests.get(i);
                CausalTokenizer.ContextContinuation ids = lm.tokenizer().encodePair(pairs.get(i)[0], pairs.get(i)[1]);
                assertThat(ids.context()).as("context ids of request %d", i).containsExactly(ints(hf.get("context_ids")));
                assertThat(ids.continuation()).as("continuation ids of request %d", i)
                        .containsExactly(ints(hf.get("continuation_ids")));
                assertThat(ours.get(i).logprob()).as("%s, request %d", name, i).isCloseTo(hf.get("logprob").asDouble(), within(1e-4));
                assertThat(ours.get(i).greedy()).as("%s, greedy flag of request %d", name, i).isEqualTo(hf.get("greedy").asBoolean());
            }
        }
    }

    private static CausalLm load(String name) throws Exception {
        return switch (name) {
            case "base" -> CausalLm.load(Fixtures.folder("llama-tiny"), null, Device.cpu());
            case "lora" -> CausalLm.load(Fixtures.folder("llama-tiny"), Fixtures.folder("llama-tiny-lora"), Device.cpu());
            default -> CausalLm.load(Fixtures.folder("llama-generation/llama-tiny-tied"), null, Device.cpu());
        };
    }

    /** HF fills a row that reached EOS (2) with pad ids up to the batch's end; our tokens end at the EOS. */
    private static long[] withoutPaddingAfterEos(long[] row) {
        for (int t = 0; t < row.length; t++) {
            if (row[t] == 2) {
                assertThat(Arrays.copyOfRange(row, t + 1, row.length)).containsOnly((long) PAD);
                return Arrays.copyOf(row, t + 1);
            }
        }
        return row;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
