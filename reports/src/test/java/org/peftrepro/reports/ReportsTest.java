package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class ReportsTest {

    @TempDir Path out;

    private static List<RunRecord> records(boolean synthetic) {
        return List.of(
                TestRecords.ok("lora", "sst2", 1, 0.80).syntheticData(synthetic).build(),
                TestRecords.ok("lora", "sst2", 2, 0.82).build(),
                TestRecords.ok("lora", "cola", 1, 0.55).build(),
                TestRecords.failed("lor2c", "rte", 1).build(),
                TestRecords.ok("ft", "mnli", 1, 0.871).build());
    }

    @Test
    void writesEveryFormAndNoTemporaryFiles() throws IOException {
        Reports.ReportFiles files = Reports.writeAll(records(false), out, ReportOptions.defaults());

        assertThat(files.markdown()).isEqualTo(out.resolve("table1.md"));
        assertThat(files.csv()).isEqualTo(out.resolve("table1.csv"));
        assertThat(files.html()).isEqualTo(out.resolve("table1.html"));
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "table1.md", "table1.csv", "table1-published.csv", "table1.html");
        }
        assertThat(Files.readString(files.markdown()))
                .startsWith("# Table 1 — scale quick, fidelity paper\n");
    }

    @Test
    void noRecordsStillGiveEveryFile() throws IOException {
        Reports.ReportFiles files = Reports.writeAll(List.of(), out, ReportOptions.defaults());

        assertThat(Files.readString(files.markdown()))
                .startsWith("# Table 1 — scale none, fidelity none\n\nRuns: 0.\n");
        assertThat(Files.readString(files.csv()))
                .isEqualTo("Method,MNLI,SST-2,MRPC,CoLA,QNLI,QQP,RTE,STS-B,Avg,Params\n");
        assertThat(Files.readString(files.html())).contains("<table id=\"results\">");
    }

    @Test
    void csvParsesBackToTheSameCells() throws IOException {
        Reports.ReportFiles files = Reports.writeAll(records(false), out, ReportOptions.defaults());
        Table expected = ResultTable.from(records(false), ReportOptions.defaults()).results();

        Table parsed = readAllStrings(Files.readString(files.csv()), expected.columnCount());

        assertThat(parsed.columnNames()).isEqualTo(expected.columnNames());
        assertThat(parsed.rowCount()).isEqualTo(3);
        for (int r = 0; r < expected.rowCount(); r++) {
            for (String column : expected.columnNames()) {
                assertThat(parsed.row(r).getString(column))
                        .as(column + " row " + r)
                        .isEqualTo(expected.row(r).getString(column));
            }
        }
        // Spot checks against values worked out by hand.
        assertThat(parsed.row(0).getString("Method")).isEqualTo("FT");
        assertThat(parsed.row(0).getString("MNLI")).isEqualTo("87.1");
        assertThat(parsed.row(1).getString("SST-2")).isEqualTo("81.0 ± 1.4");
        assertThat(parsed.row(2).getString("RTE")).isEqualTo("failed");
    }

    @Test
    void publishedCsvCarriesTheSyntheticNote() throws IOException {
        Reports.ReportFiles files = Reports.writeAll(records(true), out, ReportOptions.defaults());

        Table results = readAllStrings(Files.readString(files.csv()), 12);
        Table published = readAllStrings(Files.readString(files.publishedCsv()), 13);

        assertThat(results.stringColumn("Note").asList())
                .containsOnly(ReportHeading.SYNTHETIC_WARNING)
                .hasSize(3);
        assertThat(published.stringColumn("Note").asList())
                .containsOnly(ReportHeading.SYNTHETIC_WARNING);
        assertThat(published.row(0).getString("Source"))
                .isEqualTo("Hu et al. 2021 (LoRA), Table 2");
        // Synthetic runs: the published value for orientation, no difference to it.
        assertThat(published.row(0).getString("MNLI")).isEqualTo("87.6");
    }

    @Test
    void printableFormShowsTitleTablesAndWarning() {
        String text = Reports.printable(records(true), ReportOptions.defaults());

        assertThat(text)
                .startsWith("Table 1 — scale quick, fidelity paper\n")
                .contains("!! synthetic smoke data: not comparable to the paper !!")
                .contains("Runs: 5 (1 failed).")
                .contains("81.0 ± 1.4")
                .contains("95.1")
                .doesNotContain("(-14.1)")
                .contains("for orientation only")
                .contains("LoR2C paper, Table I")
                .doesNotContain("|  synthetic smoke data");
        assertThat(text.split("!! synthetic smoke data: not comparable to the paper !!", -1))
                .hasSize(3);
    }

    private static Table readAllStrings(String csv, int columns) {
        ColumnType[] types = new ColumnType[columns];
        Arrays.fill(types, ColumnType.STRING);
        return Table.read()
                .usingOptions(CsvReadOptions.builder(new StringReader(csv)).columnTypes(types));
    }
}
