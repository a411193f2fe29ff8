package org.peftrepro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** {@code bench} end to end in quick mode (forked JMH VMs included), and its option errors. */
class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aQuickRunOfTwoMethodsWritesTheJmhResultAndTheTables(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench");
        // A small input and one libtorch thread keep each forked benchmark to a few seconds on a busy CPU.
        Run run = run("bench", "--quick", "--methods", "lora,bitfit", "--shapes", "tiny", "--inputs", "4x32",
                "--no-sfs", "--no-generation", "--threads", "1", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[1/4] ", "[4/4] ").contains("MethodBenchmark.train", "method=lora", "ms/op");

        JsonNode json = new ObjectMapper().readTree(out.resolve("jmh-result.json").toFile());
        List<String> seen = new ArrayList<>();
        json.forEach(b -> seen.add(b.get("benchmark").asText().replaceAll(".*\\.", "") + " " + b.get("params").get("method").asText()));
        assertThat(seen).containsExactlyInAnyOrder("infer lora", "infer bitfit", "train lora", "train bitfit");
        json.forEach(b -> assertThat(b.get("secondaryMetrics").has("trainableParams")).isTrue());

        Table csv = Table.read().usingOptions(CsvReadOptions.builder(out.resolve("bench.csv").toFile()));
        assertThat(csv.rowCount()).isEqualTo(2);
        assertThat(csv.stringColumn("method").asList()).containsExactly("lora", "bitfit");
        assertThat(csv.numberColumn("train throughput vs LoRA").getDouble(0)).isEqualTo(1.0);
        assertThat(csv.numberColumn("inference throughput vs LoRA").getDouble(0)).isEqualTo(1.0);
        assertThat(csv.numberColumn("trainable params").getDouble(0)).isEqualTo(12_288); // 6 x 2 x (8 x 64 + 64 x 8)

        assertThat(Files.readString(out.resolve("bench.md"))).contains("## tiny, batch 4 x length 32, cpu")
                .containsPattern("(?m)^\\| lora \\|").containsPattern("(?m)^\\| bitfit \\|");
        assertThat(Files.readString(out.resolve("bench.html"))).contains("id=\"methods_0\"", "relative_throughput_0");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("jmh-result.json", "bench.md", "bench.csv", "bench.html");
        }
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new String[] {"--methods", "lora,nope"}, "no method named 'nope' (known: ft, bitfit,"),
                Arguments.of(new String[] {"--shapes", "huge"}, "--shapes: unknown shape 'huge' (known: tiny, roberta-base)"),
                Arguments.of(new String[] {"--inputs", "32by128"}, "--inputs: input shape '32by128' is not BATCHxLENGTH"),
                Arguments.of(new String[] {"--device", "tpu"}, "'tpu' is not a device: use cpu, gpu or gpu:N"),
                Arguments.of(new String[] {"--threads", "-1"}, "--threads must be 0"),
                Arguments.of(new String[] {"--shapes", "tiny", "--inputs", "2x600"},
                        "--inputs: input 2x600: tiny has positions for 512 tokens"),
                Arguments.of(new String[] {"--device", "gpu:99"}, "--device gpu:99: libtorch sees"),
                Arguments.of(new String[] {"--quick", "--frobnicate"}, "Unknown option: '--frobnicate'"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void aBadOptionIsAOneLineErrorAndNothingRuns(String[] options, String message, @TempDir Path dir) {
        Path out = dir.resolve("bench");
        List<String> args = new ArrayList<>(List.of("bench", "--out", out.toString()));
        args.addAll(List.of(options));
        Run run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).isNotZero();
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains(message);
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("[1/");
        assertThat(out).doesNotExist();
    }
}
