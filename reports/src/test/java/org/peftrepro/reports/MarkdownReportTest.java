package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class MarkdownReportTest {

    @Test
    void smallReportMatchesTheHandWrittenDocument() {
        List<RunRecord> records =
                List.of(
                        TestRecords.ok("lora", "sst2", 1, 0.80)
                                .trainableParamsAtEnd(887_042)
                                .headParams(592_130)
                                .build(),
                        TestRecords.ok("lora", "sst2", 2, 0.82).build(),
                        TestRecords.ok("lora", "sst2", 3, 0.84).build(),
                        TestRecords.failed("bitfit", "rte", 1).build());

        String markdown =
                MarkdownReport.render(ResultTable.from(records, ReportOptions.defaults()));

        String expected =
                """
        # Table 1 — scale quick, fidelity paper

        Runs: 4 (1 failed).

        ## Our results

        Primary metric × 100 on the dev set (Matthews correlation for CoLA, Pearson for STS-B, accuracy otherwise), \
        at the best epoch; mean ± sample standard deviation over seeds. "failed": every run failed (failed runs are \
        never averaged); "–": no run. Avg: mean over the tasks with a value. Params: trainable parameters without \
        the task head.

        | Method | MNLI | SST-2 | MRPC | CoLA | QNLI | QQP | RTE | STS-B | Avg | Params |
        | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        | BitFit | – | – | – | – | – | – | failed | – | – | – |
        | LoRA | – | 82.0 ± 2.0 | – | – | – | – | – | – | 82.0 | 0.29M |

        ## Published numbers

        Each cell: published value (ours − published). n/a: not known here; –: no result of ours to compare. \
        Avg difference only where we have every task the source has. † quoted second-hand.

        | Method | Source | MNLI | SST-2 | MRPC | CoLA | QNLI | QQP | RTE | STS-B | Avg | Params |
        | :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        | BitFit | none known here | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |
        | LoRA | Hu et al. 2021 (LoRA), Table 2 | 87.5 (–) | 95.1 (-13.1) | 89.7 (–) | 63.4 (–) | 93.3 (–) \
        | 90.8 (–) | 86.6 (–) | 91.5 (–) | 87.2 (–) | 0.3M |
        | LoRA | Lily paper, GLUE with RoBERTa-base † | n/a | 94.8 (-12.8) | 89.8 (–) | 63.3 (–) | 92.9 (–) \
        | n/a | 78.2 (–) | 91.5 (–) | 85.1 (–) | 0.3M |
        """;
        assertThat(markdown).isEqualTo(expected);
    }

    @Test
    void syntheticDataIsFlaggedAtTheTitleAndAboveEachTable() {
        List<RunRecord> records =
                List.of(TestRecords.ok("lora", "rte", 1, 0.7).syntheticData(true).build());

        String markdown =
                MarkdownReport.render(ResultTable.from(records, ReportOptions.defaults()));

        assertThat(markdown)
                .startsWith(
                        "# Table 1 — scale quick, fidelity paper (synthetic smoke data: not comparable to the paper)\n")
                .contains(
                        "## Our results\n\n> **synthetic smoke data: not comparable to the paper**\n")
                .contains(
                        "## Published numbers\n\n> **synthetic smoke data: not comparable to the paper**\n");
        assertThat(markdown).contains("| ---: | :--- |\n| LoRA |");
        // Every table row carries it in its Note column too.
        assertThat(markdown.lines().filter(l -> l.startsWith("| LoRA")))
                .hasSize(3)
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .endsWith(
                                                "| synthetic smoke data: not comparable to the paper |"));
    }

    @Test
    void pipesInCellsAreEscaped() {
        Table table =
                Table.create(
                        "t",
                        StringColumn.create("Method", List.of("a|b")),
                        StringColumn.create("x", List.of("1")));

        assertThat(MarkdownTable.render(table, Set.of("Method")))
                .isEqualTo("| Method | x |\n| :--- | ---: |\n| a\\|b | 1 |\n");
    }
}
