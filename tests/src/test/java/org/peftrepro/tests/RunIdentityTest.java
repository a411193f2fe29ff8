package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.Scale;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.RunConfig;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;
import org.peftrepro.reproduce.table.TableRunner;

/**
 * A run's id covers everything that changes its result, so a table in a folder of earlier records reruns exactly
 * the runs whose settings changed, and shows only the records of the runs it planned.
 */
class RunIdentityTest {
    @TempDir
    Path temp;

    private Path data;
    private Path model;
    private Path out;
    private final List<String> executed = new ArrayList<>();
    private final ProgressListener counting = new ProgressListener() {
        @Override
        public void runStarted(RunConfig config, long totalSteps) {
            executed.add(config.method().name());
        }
    };

    @BeforeEach
    void folders() throws Exception {
        data = SmokeTasks.generate(temp.resolve("glue"), 3, new SmokeScale(24, 12)).folder();
        model = copy(Fixtures.folder("roberta-tiny"), temp.resolve("model"));
        out = temp.resolve("out");
    }

    private TableRunner.Outcome table(MethodRegistry registry, Path modelFolder, Path dataFolder) throws Exception {
        executed.clear();
        TableOptions options = TableOptions.builder(Scale.QUICK, List.of(GlueTask.RTE), List.of("lora", "bitfit"))
                .model(modelFolder.toString()).dataFolder(dataFolder).out(out)
                .overrides(new HyperparameterOverrides(1, null, 32, null, null)).build();
        return new Table1(registry, new StopSignal()).run(options, counting);
    }

    @Test
    void aChangedMethodDefaultRerunsThatMethodsRunsAndOnlyThose() throws Exception {
        TableOutcomes first = new TableOutcomes(table(MethodRegistry.load(), model, data));
        assertThat(executed).containsExactlyInAnyOrder("lora", "bitfit");

        PeftMethod lora = MethodRegistry.load().get("lora");
        MethodRegistry changed = MethodRegistry.of(List.of(withDefault(lora, "r", "4"),
                MethodRegistry.load().get("bitfit")));
        TableOutcomes second = new TableOutcomes(table(changed, model, data));

        assertThat(executed).as("only the method whose default changed").containsExactly("lora");
        assertThat(second.idOf("bitfit")).isEqualTo(first.idOf("bitfit"));
        assertThat(second.idOf("lora")).isNotEqualTo(first.idOf("lora"));
        assertThat(second.recordOf("lora").methodOptions()).containsEntry("r", "4");
        assertThat(first.recordOf("lora").methodOptions()).as("every resolved option is recorded")
                .containsEntry("r", "8").containsKeys("alpha", "dropout", "targets");
        // The table shows the runs it planned, not the lora record of the old default beside the new one.
        assertThat(second.outcome.records()).hasSize(2);
        try (Stream<Path> files = Files.list(out.resolve("runs"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".json"))).hasSize(3);
        }
    }

    @Test
    void anotherCheckpointRerunsTheTableTheSameCheckpointElsewhereDoesNot() throws Exception {
        table(MethodRegistry.load(), model, data);

        table(MethodRegistry.load(), copy(model, temp.resolve("moved")), data);
        assertThat(executed).as("the same files in another folder are the same model").isEmpty();

        Path other = copy(model, temp.resolve("other"));
        byte[] weights = Files.readAllBytes(other.resolve("model.safetensors"));
        weights[weights.length - 1] ^= 0x01; // one bit of one weight
        Files.write(other.resolve("model.safetensors"), weights);
        table(MethodRegistry.load(), other, data);
        assertThat(executed).containsExactlyInAnyOrder("lora", "bitfit");
    }

    @Test
    void otherDataRerunsTheTable() throws Exception {
        table(MethodRegistry.load(), model, data);

        Path otherData = SmokeTasks.generate(temp.resolve("glue-other-seed"), 4, new SmokeScale(24, 12)).folder();
        TableRunner.Outcome outcome = table(MethodRegistry.load(), model, otherData);
        assertThat(executed).containsExactlyInAnyOrder("lora", "bitfit");
        assertThat(outcome.records()).allSatisfy(r -> assertThat(r.data().revision()).startsWith("sha256:"));
    }

    @Test
    void reportGroupsRecordsByTheirSettingsAndNeverMixesThem() throws Exception {
        table(MethodRegistry.load(), model, data);
        executed.clear();
        TableOptions twoEpochs = TableOptions.builder(Scale.QUICK, List.of(GlueTask.RTE), List.of("lora", "bitfit"))
                .model(model.toString()).dataFolder(data).out(out)
                .overrides(new HyperparameterOverrides(2, null, 32, null, null)).build();
        TableRunner.Outcome second = new Table1(MethodRegistry.load(), new StopSignal()).run(twoEpochs, counting);
        assertThat(executed).as("another epoch count is another run").hasSize(2);
        assertThat(second.records()).hasSize(2).allSatisfy(r -> assertThat(r.epochs()).hasSize(2));

        java.io.StringWriter text = new java.io.StringWriter();
        int code = org.peftrepro.cli.Main.run(new String[] {"report", "--results", out.toString(), "--out",
            temp.resolve("newest").toString()}, new java.io.PrintWriter(text), new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(code).isZero();
        assertThat(text.toString()).contains("holds runs made under 2 settings; reporting [1]")
                .contains("[1] scale quick, fidelity paper").contains("epochs 2, ").contains("epochs 1, ")
                .contains("Runs: 2.");

        int older = org.peftrepro.cli.Main.run(new String[] {"report", "--results", out.toString(), "--settings", "2",
            "--out", temp.resolve("older").toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(older).isZero();
        assertThat(Files.readString(temp.resolve("older/table1.md"))).contains("Runs: 2.");
    }

    /** {@code method} with one default changed, as a new release of the suite might change it. */
    private static PeftMethod withDefault(PeftMethod method, String key, String value) {
        MethodDeclaration d = method.declaration();
        List<OptionSpec> options = d.options().stream()
                .map(o -> o.key().equals(key) ? new OptionSpec(key, o.type(), value, o.description()) : o).toList();
        MethodDeclaration changed = new MethodDeclaration(d.name(), d.displayName(), d.description(), d.row(), options,
                d.protocols(), d.peftCodec());
        return new PeftMethod() {
            @Override
            public MethodDeclaration declaration() {
                return changed;
            }

            @Override
            public Adaptation attach(Backbone model, MethodOptions options) {
                return method.attach(model, options);
            }
        };
    }

    private record TableOutcomes(TableRunner.Outcome outcome) {
        RunRecord recordOf(String method) {
            return outcome.records().stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
        }

        String idOf(String method) {
            return recordOf(method).runId();
        }
    }

    static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
