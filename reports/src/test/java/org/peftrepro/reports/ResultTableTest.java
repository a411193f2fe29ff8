package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import tech.tablesaw.api.Table;

class ResultTableTest {

    private static final ReportOptions OPTIONS = ReportOptions.defaults();

    /** LoRA on four tasks: several seeds, a failed task, a task with one failed seed. */
    private static List<RunRecord> loraRecords() {
        List<RunRecord> records = new ArrayList<>();
        records.add(
                TestRecords.ok("lora", "sst2", 1, 0.80)
                        .trainableParamsAtEnd(887_042)
                        .headParams(592_130)
                        .build());
        records.add(TestRecords.ok("lora", "sst2", 2, 0.82).build());
        records.add(TestRecords.ok("lora", "sst2", 3, 0.84).build());
        records.add(TestRecords.ok("lora", "mrpc", 1, 0.90).build());
        records.add(TestRecords.failed("lora", "rte", 1).build());
        records.add(TestRecords.failed("lora", "rte", 2).build());
        records.add(TestRecords.ok("lora", "cola", 1, 0.60).build());
        records.add(TestRecords.ok("lora", "cola", 2, 0.64).build());
        records.add(TestRecords.failed("lora", "cola", 3).build());
        return records;
    }

    @Test
    void cellsShowMeanAndSampleStdFailuresAndGaps() {
        Table table = ResultTable.from(loraRecords(), OPTIONS).results();

        assertThat(table.columnNames())
                .containsExactly(
                        "Method", "MNLI", "SST-2", "MRPC", "CoLA", "QNLI", "QQP", "RTE", "STS-B",
                        "Avg", "Params");
        assertThat(table.rowCount()).isEqualTo(1);
        assertThat(cell(table, 0, "Method")).isEqualTo("LoRA");
        // 80, 82, 84: mean 82, sample variance (4 + 0 + 4) / 2 = 4.
        assertThat(cell(table, 0, "SST-2")).isEqualTo("82.0 ± 2.0");
        assertThat(cell(table, 0, "MRPC")).isEqualTo("90.0");
        assertThat(cell(table, 0, "RTE")).isEqualTo("failed");
        // 60, 64: mean 62, sample variance (4 + 4) / 1 = 8, std 2.83; the failed seed is not
        // averaged.
        assertThat(cell(table, 0, "CoLA")).isEqualTo("62.0 ± 2.8 (1 failed)");
        assertThat(cell(table, 0, "MNLI")).isEqualTo("–");
        assertThat(cell(table, 0, "STS-B")).isEqualTo("–");
        // Over the tasks with a score: (82 + 90 + 62) / 3 = 78.
        assertThat(cell(table, 0, "Avg")).isEqualTo("78.0");
        // 887,042 trainable with the head, minus the 592,130 of the head.
        assertThat(cell(table, 0, "Params")).isEqualTo("0.29M");
    }

    @Test
    void methodsFollowThePaperOrderThenOthersAlphabetically() {
        List<RunRecord> records = new ArrayList<>();
        for (String method :
                List.of("lily", "zeta", "lora", "alpha-custom", "ft", "lor2c", "adapter-houlsby")) {
            records.add(TestRecords.ok(method, "rte", 1, 0.7).build());
        }

        Table table = ResultTable.from(records, OPTIONS).results();

        assertThat(table.stringColumn("Method").asList())
                .containsExactly(
                        "FT", "Adapter (Houlsby)", "LoRA", "LoR2C", "Lily", "alpha-custom", "zeta");
    }

    @Test
    void aUsersMethodTakesTheRowItDeclaresUnderTheNameItDeclares() {
        List<RunRecord> records = new ArrayList<>();
        for (String method : List.of("lora", "ft", "mine")) {
            records.add(TestRecords.ok(method, "rte", 1, 0.7).build());
        }
        List<PeftMethod> methods = new ArrayList<>(MethodRegistry.load().all());
        // Between the adapters' rows (30, 40) and LoRA's (50).
        methods.add(
                new DeclaredOnly(
                        MethodDeclaration.builder("mine")
                                .displayName("Mine (ours)")
                                .description("a user's method")
                                .row(45)
                                .build()));

        Table table =
                ResultTable.from(records, OPTIONS.withMethods(MethodRegistry.of(methods)))
                        .results();

        assertThat(table.stringColumn("Method").asList())
                .containsExactly("FT", "Mine (ours)", "LoRA");
    }

    /** A user's method as the reports see it: its declaration. */
    private record DeclaredOnly(MethodDeclaration declaration) implements PeftMethod {
        @Override
        public Adaptation attach(Backbone model, MethodOptions options) {
            throw new UnsupportedOperationException("reports never attach a method");
        }
    }

    @Test
    void onlyRecordsOfTheTableScaleAndFidelityCount() {
        List<RunRecord> records =
                List.of(
                        TestRecords.ok("lora", "rte", 1, 0.70).build(),
                        TestRecords.ok("lora", "rte", 2, 0.90)
                                .runId("other-table")
                                .table("table2")
                                .build(),
                        TestRecords.ok("lora", "rte", 3, 0.90)
                                .runId("smoke")
                                .scale(Scale.SMOKE)
                                .build(),
                        TestRecords.ok("lora", "rte", 4, 0.90)
                                .runId("code")
                                .fidelity(Fidelity.OFFICIAL_CODE)
                                .build());

        ResultTable table =
                ResultTable.from(
                        records, OPTIONS.withScale(Scale.QUICK).withFidelity(Fidelity.PAPER));

        assertThat(cell(table.results(), 0, "RTE")).isEqualTo("70.0");
        assertThat(table.heading().title()).isEqualTo("Table 1 — scale quick, fidelity paper");
    }

    @Test
    void aLaterRerunOfTheSameSeedReplacesTheEarlierRun() {
        RunRecord failedFirst =
                TestRecords.failed("lora", "rte", 1)
                        .runId("first")
                        .finishedAt(Instant.parse("2025-01-01T00:00:00Z"))
                        .build();
        RunRecord okLater =
                TestRecords.ok("lora", "rte", 1, 0.75)
                        .runId("later")
                        .finishedAt(Instant.parse("2025-01-02T00:00:00Z"))
                        .build();

        assertThat(
                        cell(
                                ResultTable.from(List.of(failedFirst, okLater), OPTIONS).results(),
                                0,
                                "RTE"))
                .isEqualTo("75.0");
        assertThat(
                        cell(
                                ResultTable.from(List.of(okLater, failedFirst), OPTIONS).results(),
                                0,
                                "RTE"))
                .isEqualTo("75.0");
    }

    @Test
    void runsWithoutASeedAreNeverTakenForReruns() {
        RunRecord first = TestRecords.ok("lora", "rte", 1, 0.70).runId("a").build();
        RunRecord second = TestRecords.ok("lora", "rte", 1, 0.80).runId("b").build();
        // Same seed, same finish time: the later one in the list replaces the first.
        assertThat(cell(ResultTable.from(List.of(first, second), OPTIONS).results(), 0, "RTE"))
                .isEqualTo("80.0");

        List<RunRecord> withoutSeeds =
                List.of(
                        first.toBuilder().seed(null).build(),
                        second.toBuilder().seed(null).build());
        // Both count: 70 and 80, mean 75, sample std sqrt(50) = 7.07.
        assertThat(cell(ResultTable.from(withoutSeeds, OPTIONS).results(), 0, "RTE"))
                .isEqualTo("75.0 ± 7.1");
    }

    @Test
    void anOkRunWithoutItsPrimaryMetricCountsAsFailed() {
        RunRecord noMetric = TestRecords.ok("lora", "rte", 1, 0.7).primaryMetric("f1").build();

        assertThat(cell(ResultTable.from(List.of(noMetric), OPTIONS).results(), 0, "RTE"))
                .isEqualTo("failed");
    }

    @Test
    void paramsInMillionsAndRanges() {
        List<RunRecord> records =
                List.of(
                        // 124,647,170 with a 592,130 head: 124,055,040 = 124.1M.
                        TestRecords.ok("ft", "rte", 1, 0.7)
                                .trainableParamsAtStart(124_647_170)
                                .headParams(592_130)
                                .build(),
                        // Counts at the end win over counts at the start: 300,000 and 310,000
                        // without the head.
                        TestRecords.ok("merge-lor2c", "rte", 1, 0.7)
                                .trainableParamsAtStart(900_000)
                                .trainableParamsAtEnd(892_130)
                                .headParams(592_130)
                                .build(),
                        TestRecords.ok("merge-lor2c", "sst2", 1, 0.7)
                                .trainableParamsAtEnd(902_130)
                                .headParams(592_130)
                                .build(),
                        TestRecords.ok("lily", "rte", 1, 0.7).build());

        Table table = ResultTable.from(records, OPTIONS).results();

        assertThat(table.stringColumn("Params").asList())
                .containsExactly("124.1M", "0.30M–0.31M", "–");
    }

    @Test
    void againstSyntheticDataThePublishedNumbersAreForOrientationOnly() {
        List<RunRecord> records = loraRecords().stream()
                .map(r -> r.toBuilder().syntheticData(true).build()).toList();

        ResultTable table = ResultTable.from(records, OPTIONS);
        Table published = table.versusPublished();

        // LoRA paper, Table 2: the published values alone, no "ours - published" against smoke data.
        assertThat(published.row(0).getString("SST-2")).isEqualTo("95.1");
        assertThat(published.row(0).getString("MRPC")).isEqualTo("89.7");
        assertThat(published.row(0).getString("Avg")).isEqualTo("87.2");
        assertThat(published.stringColumn("SST-2").asList()).noneMatch(cell -> cell.contains("("));
        assertThat(table.heading().publishedLegend()).contains("orientation only").doesNotContain("ours −");
    }

    @Test
    void publishedNumbersSitBesideOursWithTheDifference() {
        List<RunRecord> records = new ArrayList<>(loraRecords());
        records.add(TestRecords.ok("lor2c", "rte", 1, 0.7).build());
        records.add(TestRecords.ok("bitfit", "rte", 1, 0.7).build());

        Table published = ResultTable.from(records, OPTIONS).versusPublished();

        assertThat(published.columnNames())
                .containsExactly(
                        "Method", "Source", "MNLI", "SST-2", "MRPC", "CoLA", "QNLI", "QQP", "RTE",
                        "STS-B", "Avg", "Params");
        assertThat(published.stringColumn("Method").asList())
                .containsExactly("BitFit", "LoRA", "LoRA", "LoR2C");

        assertThat(published.row(0).getString("Source")).isEqualTo("none known here");
        assertThat(published.row(0).getString("RTE")).isEqualTo("n/a");
        assertThat(published.row(0).getString("Params")).isEqualTo("n/a");

        // LoRA paper, Table 2: SST-2 95.1 against our 82.0; we have no MNLI run.
        assertThat(published.row(1).getString("Source"))
                .isEqualTo("Hu et al. 2021 (LoRA), Table 2");
        assertThat(published.row(1).getString("SST-2")).isEqualTo("95.1 (-13.1)");
        assertThat(published.row(1).getString("MRPC")).isEqualTo("89.7 (+0.3)");
        assertThat(published.row(1).getString("MNLI")).isEqualTo("87.5 (–)");
        assertThat(published.row(1).getString("RTE")).isEqualTo("86.6 (–)");
        // (87.5 + 95.1 + 89.7 + 63.4 + 93.3 + 90.8 + 86.6 + 91.5) / 8 = 87.2375, as printed in the
        // paper: 87.2.
        assertThat(published.row(1).getString("Avg")).isEqualTo("87.2 (–)");
        assertThat(published.row(1).getString("Params")).isEqualTo("0.3M");

        // The Lily paper's LoRA row: quoted second-hand, no MNLI and QQP.
        assertThat(published.row(2).getString("Source"))
                .isEqualTo("Lily paper, GLUE with RoBERTa-base †");
        assertThat(published.row(2).getString("MNLI")).isEqualTo("n/a");
        assertThat(published.row(2).getString("QQP")).isEqualTo("n/a");
        assertThat(published.row(2).getString("SST-2")).isEqualTo("94.8 (-12.8)");
        // (94.8 + 89.8 + 63.3 + 92.9 + 78.2 + 91.5) / 6 = 85.083.
        assertThat(published.row(2).getString("Avg")).isEqualTo("85.1 (–)");

        // LoR2C's Table I is not known here.
        assertThat(published.row(3).getString("Source")).isEqualTo("LoR2C paper, Table I");
        for (GlueTask task : TaskColumns.ORDER) {
            assertThat(published.row(3).getString(task.displayName()))
                    .as(task.displayName())
                    .isEqualTo("n/a");
        }
        assertThat(published.row(3).getString("Avg")).isEqualTo("n/a");
        assertThat(published.row(3).getString("Params")).isEqualTo("n/a");
    }

    @Test
    void averageDifferenceWhenWeHaveEveryTaskOfTheSource() {
        // The LoRA paper's FT row, with RTE 2.0 points higher on our side.
        double[] ours = {0.876, 0.948, 0.902, 0.636, 0.928, 0.919, 0.807, 0.912};
        List<RunRecord> records = new ArrayList<>();
        for (GlueTask task : TaskColumns.ORDER) {
            records.add(
                    TestRecords.ok("ft", task.hubConfig(), 1, ours[TaskColumns.indexOf(task)])
                            .build());
        }

        ResultTable table = ResultTable.from(records, OPTIONS);
        Table published = table.versusPublished();

        assertThat(published.row(0).getString("MNLI")).isEqualTo("87.6 (+0.0)");
        assertThat(published.row(0).getString("RTE")).isEqualTo("78.7 (+2.0)");
        // Published: 690.8 / 8 = 86.35, printed 86.4; ours is 2.0 / 8 = 0.25 higher, printed +0.3.
        assertThat(published.row(0).getString("Avg")).isEqualTo("86.4 (+0.3)");
        assertThat(published.row(0).getString("Params")).isEqualTo("125.0M");
        // Our own average: 692.8 / 8 = 86.6.
        assertThat(table.results().row(0).getString("Avg")).isEqualTo("86.6");
    }

    @Test
    void syntheticRunsPutTheWarningInTitleAndOnEveryRow() {
        List<RunRecord> records =
                List.of(
                        TestRecords.ok("lora", "rte", 1, 0.7)
                                .syntheticData(true)
                                .scale(Scale.SMOKE)
                                .build(),
                        TestRecords.ok("ft", "rte", 1, 0.7).scale(Scale.SMOKE).build());

        ResultTable table = ResultTable.from(records, OPTIONS);

        assertThat(table.heading().titleWithWarning())
                .isEqualTo(
                        "Table 1 — scale smoke, fidelity paper (synthetic smoke data: not comparable to the paper)");
        assertThat(table.results().stringColumn("Note").asList())
                .containsExactly(
                        "synthetic smoke data: not comparable to the paper",
                        "synthetic smoke data: not comparable to the paper");
        assertThat(table.versusPublished().stringColumn("Note").asList())
                .hasSize(table.versusPublished().rowCount())
                .containsOnly("synthetic smoke data: not comparable to the paper");
    }

    @Test
    void realDataHasNoNoteColumn() {
        ResultTable table = ResultTable.from(loraRecords(), OPTIONS);

        assertThat(table.heading().synthetic()).isFalse();
        assertThat(table.results().columnNames()).doesNotContain("Note");
        assertThat(table.heading().titleWithWarning()).isEqualTo(table.heading().title());
    }

    @Test
    void titleListsEveryScaleAndFidelityWhenNotFiltered() {
        List<RunRecord> records =
                List.of(
                        TestRecords.ok("lora", "rte", 1, 0.7).build(),
                        TestRecords.ok("lora", "rte", 2, 0.7)
                                .scale(Scale.PAPER)
                                .fidelity(Fidelity.OFFICIAL_CODE)
                                .build());

        assertThat(ResultTable.from(records, OPTIONS).heading().title())
                .isEqualTo("Table 1 — scale paper+quick, fidelity official-code+paper");
    }

    private static String cell(Table table, int row, String column) {
        return table.row(row).getString(column);
    }
}
