package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;

/** The engine carries a merge out between epochs and keeps training with the merged module. */
class MethodEventsInTrainingTest {
    @TempDir
    Path temp;

    @Test
    void aMergeHappensAfterItsEpochAndTheRunGoesOnWithFewerParameters() throws Exception {
        Path data = SmokeTasks.generate(temp.resolve("glue"), 4, new SmokeScale(48, 16)).folder();
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void epochFinished(int epoch, String metric, double value, List<String> changes) {
                changes.forEach(c -> events.add(epoch + ": " + c));
            }
        };
        // roberta-tiny: 3 layers, hidden 32; r=4: 256 parameters per module. 3 epochs, 1 merge: after epoch 1.
        TableOptions options = TableOptions.builder(Scale.QUICK, List.of(GlueTask.RTE), List.of("merge-lor2c"))
                .model(Fixtures.folder("roberta-tiny").toString()).dataFolder(data).out(temp.resolve("out"))
                .set("merge-lor2c", Map.of("merges", "1", "r", "4"))
                .overrides(new HyperparameterOverrides(3, null, 32, null, null)).build();
        RunRecord run = new Table1(MethodRegistry.load(), new StopSignal()).run(options, listener).records().get(0);

        assertThat(run.succeeded()).as(run.failureReason()).isTrue();
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).startsWith("1: merged lor2c.").endsWith("trained");
        assertThat(run.trainableParamsAtStart() - run.headParams()).isEqualTo(3 * 256);
        assertThat(run.trainableParamsAtEnd() - run.headParams()).isEqualTo(2 * 256);
        assertThat(run.epochs()).hasSize(3).allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
    }
}
