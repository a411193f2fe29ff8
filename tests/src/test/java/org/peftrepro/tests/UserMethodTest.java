package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.benchmarks.BenchPlan;
import org.peftrepro.cli.BenchCommand;
import org.peftrepro.cli.Main;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.Scale;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;
import picocli.CommandLine;

/**
 * A method in its own class, registered through ServiceLoader with its declaration, is listed, counted, benchmarked
 * and planned and trained in a table like the suite's own.
 */
class UserMethodTest {
    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theMethodsCommandListsIt() {
        Run methods = run("methods");
        assertThat(methods.exitCode()).isZero();
        assertThat(methods.out()).contains("last-layer").contains("Last layers").contains("--set layers=1")
                .contains("lor2c").contains("lily");
        assertThat(MethodRegistry.load().names()).endsWith("last-layer"); // no row declared: after the paper's rows
    }

    @Test
    void paramsCountsIt() throws Exception {
        Run params = run("params", "--model", "FacebookAI/roberta-base", "--method", "last-layer", "--set", "layers=2",
                "--json");
        assertThat(params.exitCode()).as(params.err()).isZero();
        // RoBERTa-base's FFN output projection is 3,072 -> 768; its bias is not trained here.
        assertThat(new ObjectMapper().readTree(params.out()).get("trainable").asLong()).isEqualTo(2L * 3072 * 768);
    }

    @Test
    void theBenchCommandPlansItByDefaultAndWithAll() {
        for (String[] args : List.of(new String[] {"--quick"}, new String[] {"--quick", "--methods", "all"})) {
            BenchPlan plan = CommandLine.populateCommand(new BenchCommand(), args).plan();
            assertThat(plan.methods()).as(String.join(" ", args)).endsWith("last-layer")
                    .containsAll(MethodRegistry.load().placedNames());
        }
    }

    @Test
    void table1WithAllPlansItAndChecksItsOptionsBeforeAnyWork() {
        // --set without a method applies to every method with that key: here only last-layer has "layers".
        Run table = run("table1", "--methods", "all", "--tasks", "rte", "--set", "layers=0", "--out",
                temp.resolve("out").toString());
        assertThat(table.exitCode()).isNotZero();
        assertThat(table.err()).contains("method last-layer: option layers must be a positive integer, got '0'");
        assertThat(temp.resolve("out/assets")).as("no smoke data or model made").doesNotExist();
    }

    @Test
    void itTrainsInATableRunAndItsRowIsReported() throws Exception {
        Path data = SmokeTasks.generate(temp.resolve("glue"), 9, new SmokeScale(32, 16)).folder();
        TableOptions options = TableOptions.builder(Scale.QUICK, List.of(GlueTask.SST2), List.of("last-layer"))
                .model(Fixtures.folder("roberta-tiny").toString()).dataFolder(data).out(temp.resolve("out"))
                .set("last-layer", Map.of("layers", "2"))
                .overrides(new HyperparameterOverrides(2, null, 32, null, null)).build();
        List<RunRecord> records = new Table1(MethodRegistry.load(), new StopSignal()).run(options, ProgressListener.SILENT)
                .records();

        assertThat(records).hasSize(1);
        RunRecord run = records.get(0);
        assertThat(run.succeeded()).as(run.failureReason()).isTrue();
        // roberta-tiny: output.dense is 64 -> 32 with a bias not trained here: 2 layers x 64 x 32, plus the head.
        assertThat(run.trainableParamsAtStart() - run.headParams()).isEqualTo(2L * 64 * 32);
        assertThat(run.epochs()).hasSize(2);
        assertThat(run.epochs().get(1).trainLoss()).isFinite();
        // The row carries the name the method declares for tables.
        assertThat(java.nio.file.Files.readString(temp.resolve("out/table1.md"))).contains("| Last layers |");

        // The reports rebuild from the stored records alone, into another folder.
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "--results", temp.resolve("out").toString(), "--out",
            temp.resolve("rebuilt").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(java.nio.file.Files.readString(temp.resolve("rebuilt/table1.md"))).contains("| Last layers |")
                .contains("synthetic smoke data: not comparable to the paper").isEqualTo(
                        java.nio.file.Files.readString(temp.resolve("out/table1.md")));
        assertThat(temp.resolve("rebuilt/table1.html")).exists();
    }
}
