package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.Scale;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;
import org.peftrepro.reproduce.table.TableRunner;
import org.peftrepro.reproduce.engine.StopSignal;

/** A run recorded as failed is run again once its cause is fixed, and keeps the reason of the failure. */
class FailedRunRetryTest {
    @TempDir
    Path temp;

    @Test
    void aFailedRunIsRetriedAndItsEarlierReasonStaysInItsHistory() throws Exception {
        Path data = SmokeTasks.generate(temp.resolve("glue"), 3, new SmokeScale(24, 12)).folder();
        AtomicBoolean broken = new AtomicBoolean(true);
        MethodRegistry registry = MethodRegistry.of(List.of(failingWhile(broken, MethodRegistry.load().get("lora")),
                MethodRegistry.load().get("bitfit")));
        TableOptions.Builder options = TableOptions.builder(Scale.QUICK, List.of(GlueTask.RTE), List.of("lora", "bitfit"))
                .model(Fixtures.folder("roberta-tiny").toString()).dataFolder(data).out(temp.resolve("out"))
                .overrides(new HyperparameterOverrides(1, null, 32, null, null));

        TableRunner.Outcome first = new Table1(registry, new StopSignal()).run(options.build(), ProgressListener.SILENT);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.allSucceeded()).isFalse();
        assertThat(first.failureSummary()).startsWith("1 of 2 runs failed");
        RunRecord failed = recordOf(first, "lora");
        assertThat(failed.failureReason()).isEqualTo("IllegalStateException: the disk was full").doesNotContain("\n");

        TableRunner.Outcome kept = new Table1(registry, new StopSignal())
                .run(options.retryFailed(false).build(), ProgressListener.SILENT);
        assertThat(recordOf(kept, "lora").succeeded()).as("--no-retry-failed keeps the failed record").isFalse();
        assertThat(recordOf(kept, "lora").finishedAt()).isEqualTo(failed.finishedAt());

        broken.set(false); // the cause is fixed
        TableRunner.Outcome second = new Table1(registry, new StopSignal())
                .run(options.retryFailed(true).build(), ProgressListener.SILENT);
        RunRecord retried = recordOf(second, "lora");
        assertThat(second.allSucceeded()).isTrue();
        assertThat(retried.runId()).isEqualTo(failed.runId());
        assertThat(retried.succeeded()).isTrue();
        assertThat(retried.failureHistory()).containsExactly(failed.finishedAt() + ": " + failed.failureReason());
        assertThat(recordOf(second, "bitfit").finishedAt()).as("a run that succeeded is not run again")
                .isEqualTo(recordOf(first, "bitfit").finishedAt());
    }

    private static RunRecord recordOf(TableRunner.Outcome outcome, String method) {
        return outcome.records().stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }

    /** {@code method}, failing in attach while {@code broken} is set. */
    private static PeftMethod failingWhile(AtomicBoolean broken, PeftMethod method) {
        return new PeftMethod() {
            @Override
            public MethodDeclaration declaration() {
                return method.declaration();
            }

            @Override
            public Adaptation attach(Backbone model, MethodOptions options) {
                if (broken.get()) {
                    throw new IllegalStateException("the disk was full\n\tat some.native.Frame(frame #0)");
                }
                return method.attach(model, options);
            }
        };
    }
}
