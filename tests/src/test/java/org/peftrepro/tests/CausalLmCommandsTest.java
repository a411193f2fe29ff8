package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.cli.Main;
import org.peftrepro.models.io.SafetensorsFile;

/** generate and loglikelihood as a researcher runs them, against HF's outputs in fixtures/llama-generation. */
class CausalLmCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void generateWritesHfsGreedyTokensForEachIdWithAndWithoutTheLoraAdapter() throws Exception {
        JsonNode expected = JSON.readTree(Fixtures.folder("llama-generation").resolve("expected.json").toFile());
        Path prompts = temp.resolve("prompts.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < expected.get("prompts").size(); i++) {
            lines.append(JSON.writeValueAsString(JSON.createObjectNode().put("id", "p" + i)
                    .put("prompt", expected.get("prompts").get(i).asText()))).append('\n');
        }
        Files.writeString(prompts, lines.toString());
        for (String model : List.of("base", "lora")) {
            Path output = temp.resolve(model + ".jsonl");
            List<String> args = new ArrayList<>(List.of("generate", "--model", Fixtures.folder("llama-tiny").toString(),
                    "--prompts", prompts.toString(), "--output", output.toString(), "--max-new-tokens", "12", "--batch-size", "5"));
            if (model.equals("lora")) {
                args.addAll(List.of("--adapter", Fixtures.folder("llama-tiny-lora").toString()));
            }
            run(args.toArray(String[]::new));

            List<String> written = Files.readAllLines(output);
            assertThat(written).hasSize(5);
            try (SafetensorsFile tensors = SafetensorsFile.open(Fixtures.folder("llama-generation").resolve("expected.safetensors"))) {
                long[] hf = tensors.readLongs(model + ".new_ids");
                for (int i = 0; i < written.size(); i++) {
                    JsonNode line = JSON.readTree(written.get(i));
                    assertThat(line.get("id").asText()).isEqualTo("p" + i);
                    long[] row = Arrays.copyOfRange(hf, i * 12, (i + 1) * 12);
                    long[] ours = new long[line.get("tokens").size()];
                    for (int t = 0; t < ours.length; t++) {
                        ours[t] = line.get("tokens").get(t).asLong();
                    }
                    assertThat(ours).as("%s, prompt %d", model, i).containsExactly(Arrays.copyOf(row, ours.length));
                    assertThat(line.get("completion").asText()).isEqualTo(expected.at("/models/" + model + "/completions/" + i).asText());
                }
            }
        }
    }

    @Test
    void loglikelihoodAddsHfsLogprobAndGreedyFlagToEachRequest() throws Exception {
        JsonNode hf = JSON.readTree(Fixtures.folder("llama-generation").resolve("expected.json").toFile()).at("/models/lora/loglikelihood");
        Path requests = temp.resolve("requests.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < hf.size(); i++) {
            lines.append(JSON.writeValueAsString(JSON.createObjectNode().put("id", i).put("context", hf.get(i).get("context").asText())
                    .put("continuation", hf.get(i).get("continuation").asText()))).append('\n');
        }
        Files.writeString(requests, lines.toString());
        Path output = temp.resolve("scores.jsonl");
        run("loglikelihood", "--model", Fixtures.folder("llama-tiny").toString(), "--adapter", Fixtures.folder("llama-tiny-lora").toString(),
                "--requests", requests.toString(), "--output", output.toString());
        List<String> written = Files.readAllLines(output);
        assertThat(written).hasSize(hf.size());
        for (int i = 0; i < written.size(); i++) {
            JsonNode line = JSON.readTree(written.get(i));
            assertThat(line.get("id").asInt()).isEqualTo(i);
            assertThat(line.get("continuation").asText()).isEqualTo(hf.get(i).get("continuation").asText());
            assertThat(line.get("logprob").asDouble()).isCloseTo(hf.get(i).get("logprob").asDouble(), within(1e-4));
            assertThat(line.get("greedy").asBoolean()).isEqualTo(hf.get(i).get("greedy").asBoolean());
        }
    }

    @Test
    void aBadInputLineIsAOneLineErrorNamingFileAndLineAndNothingIsWritten() throws Exception {
        Path prompts = temp.resolve("prompts.jsonl");
        Files.writeString(prompts, "{\"id\": 1, \"prompt\": \"fine\"}\n{\"id\": 2, \"text\": \"no prompt\"}\n");
        Path output = temp.resolve("out.jsonl");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"generate", "--model", Fixtures.folder("llama-tiny").toString(), "--prompts",
            prompts.toString(), "--output", output.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(prompts + " line 2: \"prompt\" must be a string").doesNotContain("\tat ");
        assertThat(output).doesNotExist();
    }

    private static void run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }
}
