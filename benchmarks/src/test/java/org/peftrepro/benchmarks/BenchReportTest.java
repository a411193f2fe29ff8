package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The three table files from the hand-written sample result. */
class BenchReportTest {

    @Test
    void writesMarkdownCsvAndAnOfflinePage(@TempDir Path dir) throws Exception {
        List<JmhResults.Entry> entries = JmhResults.read(BenchTablesTest.resource("/jmh-result-sample.json"));
        Map<MethodTables.Group, Table> methods = MethodTables.build(entries, List.of("lora", "bitfit"));
        BenchReport.Files files = BenchReport.write(dir, methods, SfsTable.build(entries), List.of("Quick run on cpu."));

        String md = Files.readString(files.markdown());
        assertThat(md).contains("## tiny, batch 32 x length 128, cpu")
                .contains("| lora | 100.0 | 320.0 | 40,960 | 800.0 | 12,288 | 0.13 | 750 | 1.00 | 1.00 |")
                .contains("| bitfit | 200.0 | 160.0 | 20,480 | 1,600.0 | 3,520 | 0.06 | 740 | 0.50 | 2.00 |")
                .contains("## SFS").contains("1 of 32 modules");

        List<String> csv = Files.readAllLines(files.csv());
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("shape,input,device,method,train step ms");
        assertThat(csv.get(1)).startsWith("tiny,32x128,cpu,lora,100.0,");
        assertThat(Files.readAllLines(files.sfsCsv())).hasSize(3);

        String html = Files.readString(files.html());
        assertThat(html).contains("Content-Security-Policy").contains("id=\"methods_0\"").contains("id=\"sfs\"")
                .contains("relative_throughput_0").contains("Plotly.newPlot")
                .doesNotContain("<script src=");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("bench.md", "bench.csv", "bench-sfs.csv", "bench.html");
        }
    }
}
