package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.cli.Main;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;

/** --backbone-dtype float16: the frozen matrices in half precision, the method trained in float32. */
class HalfPrecisionTableTest {
    @TempDir
    Path temp;

    @Test
    void aRunWithAFloat16BackboneTrainsAndSaysSoInItsRecord() throws Exception {
        Path data = SmokeTasks.generate(temp.resolve("glue"), 3, new SmokeScale(32, 16)).folder();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"table1", "--scale", "quick", "--model", Fixtures.folder("roberta-tiny").toString(),
            "--data-dir", data.toString(), "--tasks", "rte", "--methods", "lor2c", "--epochs", "2", "--max-length", "32",
            "--backbone-dtype", "float16", "--out", temp.resolve("out").toString()}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("frozen weights kept in float16");
        List<RunRecord> records = new RunStore(temp.resolve("out/runs")).readAll();
        assertThat(records).hasSize(1);
        RunRecord run = records.get(0);
        assertThat(run.succeeded()).as(run.failureReason()).isTrue();
        assertThat(run.runId()).contains("-seed17-fp16-");
        assertThat(run.config()).containsEntry("backboneDtype", "float16");
        assertThat(run.epochs().get(1).trainLoss()).isFinite();
    }
}
