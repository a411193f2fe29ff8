package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.cli.Main;

/**
 * {@code evaluate} on the smoke benchmarks with the tiny LLaMA (its positions widened to 2048: RoPE needs no table,
 * and the smoke prompts are longer than the fixture's 64): records, report, resuming, and the refusals.
 */
class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    static Path model;

    @BeforeAll
    static void widenedModel() throws IOException {
        model = temp.resolve("llama-tiny-2048");
        Files.createDirectories(model);
        Path fixture = Fixtures.folder("llama-tiny");
        for (String file : List.of("model.safetensors", "tokenizer.json", "generation_config.json")) {
            Files.copy(fixture.resolve(file), model.resolve(file));
        }
        String config = Files.readString(fixture.resolve("config.json"));
        assertThat(config).contains("\"max_position_embeddings\": 64");
        Files.writeString(model.resolve("config.json"), config.replace("\"max_position_embeddings\": 64", "\"max_position_embeddings\": 2048"));
    }

    @Test
    void allFourBenchmarksInBothProtocolsGiveRecordsAndOneReport() throws Exception {
        Path out = temp.resolve("both");
        String printed = run("evaluate", "--model", model.toString(), "--allow-code-execution", "--limit", "2", "--protocol",
                "lm-eval", "--out", out.toString());
        assertThat(printed).contains("!! synthetic smoke benchmarks: not comparable to the paper !!").contains("| MMLU |");
        run("evaluate", "--model", model.toString(), "--allow-code-execution", "--limit", "2", "--protocol", "instruct-eval",
                "--out", out.toString());

        for (String protocol : List.of("lm-eval", "instruct-eval")) {
            for (String benchmark : List.of("mmlu", "bbh", "drop", "humaneval")) {
                JsonNode record = JSON.readTree(out.resolve(benchmark + "." + protocol + ".json").toFile());
                assertThat(record.get("synthetic").asBoolean()).isTrue();
                assertThat(record.get("limit").asInt()).isEqualTo(2);
                double score = record.get("metrics").get(record.get("primary_metric").asText()).asDouble();
                assertThat(score).isBetween(0.0, 1.0);
            }
            // At most 2 items per subject or task: 5 MMLU subjects, 4 BBH tasks.
            assertThat(JSON.readTree(out.resolve("mmlu." + protocol + ".json").toFile()).get("items").asInt()).isEqualTo(10);
            assertThat(JSON.readTree(out.resolve("bbh." + protocol + ".json").toFile()).get("items").asInt()).isEqualTo(8);
        }
        String report = Files.readString(out.resolve("evaluation.md"));
        assertThat(report).contains("| MMLU | InstructEval | acc |").contains("| MMLU | lm-evaluation-harness | acc |")
                .contains("| HumanEval | lm-evaluation-harness | pass@1 |").contains("town_geography");
        assertThat(out.resolve("evaluation.csv")).exists();
        assertThat(Files.readString(out.resolve("evaluation.html"))).contains("<table id=\"benchmarks\"");
    }

    @Test
    void aKilledEvaluationGoesOnWhereItStoppedAndEndsWithTheSameRecord() throws Exception {
        Path out = temp.resolve("resumed");
        String[] args = {"evaluate", "--model", model.toString(), "--benchmarks", "mmlu", "--protocol", "lm-eval", "--limit", "4",
            "--out", out.toString()};
        run(args);
        Path record = out.resolve("mmlu.lm-eval.json");
        JsonNode first = JSON.readTree(record.toFile());
        // As if killed after its first chunk: the second chunk and the record were never written.
        Path items = out.resolve("items").resolve("mmlu.lm-eval");
        List<Path> chunks = new ArrayList<>();
        try (var files = Files.list(items)) {
            files.sorted().forEach(chunks::add);
        }
        assertThat(chunks).hasSize(2);
        Files.delete(chunks.get(1));
        Files.delete(record);

        String printed = run(args);
        assertThat(printed).contains("16 of 20 items recorded by an earlier run");
        JsonNode second = JSON.readTree(record.toFile());
        assertThat(second.get("metrics")).isEqualTo(first.get("metrics"));
        assertThat(second.get("groups")).isEqualTo(first.get("groups"));
        assertThat(run(args)).contains("MMLU (lm-eval): recorded, skipped");
    }

    @Test
    void humanEvalWithoutPermissionToRunCodeAndAFolderOfOtherSettingsAreRefused() throws Exception {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"evaluate", "--model", model.toString(), "--benchmarks", "humaneval", "--out",
            temp.resolve("refused").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--allow-code-execution").doesNotContain("\tat ");

        Path out = temp.resolve("settings");
        run("evaluate", "--model", model.toString(), "--benchmarks", "drop", "--limit", "1", "--out", out.toString());
        err = new StringWriter();
        code = Main.run(new String[] {"evaluate", "--model", model.toString(), "--benchmarks", "drop", "--limit", "2", "--out",
            out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("holds an evaluation of other settings").contains("limit 1 there, 2 now");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
