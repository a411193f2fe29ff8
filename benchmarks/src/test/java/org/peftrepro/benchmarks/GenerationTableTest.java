package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The generation table from JMH's JSON result: medians, tokens per second, the cache's speed-up. */
class GenerationTableTest {

    @Test
    void cachedAndUncachedRunsMeetInOneRowWithTheirSpeedUp(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh-result.json");
        Files.writeString(json, "[" + entry("true", 1, 2000, 2400, 2200) + "," + entry("false", 1, 12000, 11000, 14000) + ","
                + entry("true", 8, 4000, 4000, 4000) + "]");
        Table table = GenerationTable.build(JmhResults.read(json));

        assertThat(table.rowCount()).isEqualTo(2);
        // Batch 1: medians 2,200 and 12,000 ms for 256 tokens.
        assertThat(table.doubleColumn(GenerationTable.CACHED_MS).get(0)).isEqualTo(2200.0);
        assertThat(table.doubleColumn(GenerationTable.UNCACHED_MS).get(0)).isEqualTo(12000.0);
        assertThat(table.doubleColumn(GenerationTable.CACHED_TOKENS_S).get(0)).isCloseTo(256 / 2.2, within(1e-9));
        assertThat(table.doubleColumn(GenerationTable.SPEEDUP).get(0)).isCloseTo(12000.0 / 2200, within(1e-9));
        // Batch 8 ran cached only: 8 x 256 tokens in 4 s, no speed-up to show.
        assertThat(table.doubleColumn(GenerationTable.CACHED_TOKENS_S).get(1)).isCloseTo(512.0, within(1e-9));
        assertThat(table.doubleColumn(GenerationTable.SPEEDUP).isMissing(1)).isTrue();

        Path markdown = GenerationTable.write(dir, table);
        assertThat(Files.readString(markdown)).contains("| 1 | 32 | 256 | 2,200 | 12,000 |").contains("5.5 |");
        assertThat(dir.resolve(GenerationTable.CSV)).exists();
        assertThat(GenerationTable.build(List.of()).rowCount()).isZero();
    }

    private static String entry(String cache, int batch, double... iterations) {
        StringBuilder raw = new StringBuilder();
        for (double v : iterations) {
            raw.append(raw.length() == 0 ? "" : ", ").append(v);
        }
        return "{\"benchmark\": \"org.peftrepro.benchmarks.GenerationBenchmark.generate\", \"mode\": \"ss\", \"params\": "
                + "{\"cache\": \"" + cache + "\", \"batch\": \"" + batch + "\", \"promptLength\": \"32\", \"newTokens\": \"256\", "
                + "\"device\": \"cpu\"}, \"primaryMetric\": {\"score\": 0, \"scoreUnit\": \"ms/op\", \"rawData\": [[" + raw + "]]}, "
                + "\"secondaryMetrics\": {}}";
    }
}
