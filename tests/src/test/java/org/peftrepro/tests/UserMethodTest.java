package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.datasets.Scale;
import org.peftrepro.cli.Main;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;

/** A method in its own class, registered through ServiceLoader, is listed and trains like the suite's own. */
class UserMethodTest {
    @TempDir
    Path temp;

    @Test
    void theMethodsCommandListsIt() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"methods"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        assertThat(out.toString()).contains("last-layer").contains("--set layers=1").contains("lor2c").contains("lily");
        assertThat(MethodRegistry.load().names()).endsWith("last-layer"); // after the paper's rows
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
        assertThat(java.nio.file.Files.readString(temp.resolve("out/table1.md"))).contains("last-layer");

        // The reports rebuild from the stored records alone, into another folder.
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", "--results", temp.resolve("out").toString(), "--out",
            temp.resolve("rebuilt").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(java.nio.file.Files.readString(temp.resolve("rebuilt/table1.md"))).contains("last-layer")
                .contains("synthetic smoke data: not comparable to the paper").isEqualTo(
                        java.nio.file.Files.readString(temp.resolve("out/table1.md")));
        assertThat(temp.resolve("rebuilt/table1.html")).exists();
    }
}
