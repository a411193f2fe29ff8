package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The tables from a hand-written JMH result (src/test/resources/jmh-result-sample.json); every expected value is
 * worked out from the numbers in that file.
 */
class BenchTablesTest {

    private static List<JmhResults.Entry> sample() throws Exception {
        return JmhResults.read(resource("/jmh-result-sample.json"));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(BenchTablesTest.class.getResource(name).toURI());
    }

    @Test
    void methodsSideBySideFromMedianTimes() throws Exception {
        Map<MethodTables.Group, Table> tables = MethodTables.build(sample(), List.of("bitfit", "lora"));
        assertThat(tables).containsOnlyKeys(new MethodTables.Group("tiny", new InputShape(32, 128), "cpu"));
        Table t = tables.values().iterator().next();
        assertThat(t.stringColumn(MethodTables.METHOD).asList()).containsExactly("bitfit", "lora");

        // lora: train iterations 130, 90, 100 ms -> median 100 ms (the mean, 106.7, is JMH's score)
        assertThat(t.doubleColumn(MethodTables.TRAIN_MS).get(1)).isEqualTo(100.0);
        assertThat(t.doubleColumn(MethodTables.TRAIN_EXAMPLES).get(1)).isCloseTo(320.0, within(1e-9)); // 32 / 0.1 s
        assertThat(t.doubleColumn(MethodTables.TRAIN_TOKENS).get(1)).isCloseTo(40_960.0, within(1e-6)); // x 128
        assertThat(t.doubleColumn(MethodTables.INFER_EXAMPLES).get(1)).isCloseTo(800.0, within(1e-9)); // 32 / 0.04 s
        assertThat(t.longColumn(MethodTables.TRAINABLE).get(1)).isEqualTo(12_288L);
        assertThat(t.doubleColumn(MethodTables.OPTIMIZER_MB).get(1)).isCloseTo(0.132624, within(1e-12));
        assertThat(t.doubleColumn(MethodTables.PEAK_MB).get(1)).isCloseTo(750.0, within(1e-9));
        assertThat(t.doubleColumn(MethodTables.TRAIN_VS_LORA).get(1)).isEqualTo(1.0);
        assertThat(t.doubleColumn(MethodTables.INFER_VS_LORA).get(1)).isEqualTo(1.0);

        // bitfit: 0.19, 0.2, 0.21 s/op -> 200 ms -> 160 examples/s, half of LoRA's; inference 20 ms, twice LoRA's
        assertThat(t.doubleColumn(MethodTables.TRAIN_MS).get(0)).isCloseTo(200.0, within(1e-9));
        assertThat(t.doubleColumn(MethodTables.TRAIN_VS_LORA).get(0)).isCloseTo(0.5, within(1e-12));
        assertThat(t.doubleColumn(MethodTables.INFER_VS_LORA).get(0)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void withoutLoraTheRelativeColumnsAreEmpty() throws Exception {
        List<JmhResults.Entry> noLora = sample().stream().filter(e -> !"lora".equals(e.params().get("method"))).toList();
        Table t = MethodTables.build(noLora, List.of()).values().iterator().next();
        assertThat(t.stringColumn(MethodTables.METHOD).asList()).containsExactly("bitfit");
        assertThat(t.doubleColumn(MethodTables.TRAIN_VS_LORA).isMissing(0)).isTrue();
    }

    @Test
    void theCombinedTableNamesShapeInputAndDevice() throws Exception {
        Table all = MethodTables.combined(MethodTables.build(sample(), List.of("lora", "bitfit")));
        assertThat(all.columnNames()).startsWith(MethodTables.SHAPE, MethodTables.INPUT, MethodTables.DEVICE, MethodTables.METHOD);
        assertThat(all.stringColumn(MethodTables.INPUT).asList()).containsExactly("32x128", "32x128");
    }

    @Test
    void sfsRoutesWithTheFullSvdExtrapolatedFromOneModule() throws Exception {
        Table sfs = SfsTable.build(sample());
        assertThat(sfs.rowCount()).isEqualTo(2);
        // RoBERTa-base (table order first), r 64: 2 ms against 5,400 and 6,000 ms (median 5,700) for all 12 modules
        assertThat(sfs.stringColumn(SfsTable.BACKBONE).get(0)).isEqualTo("roberta-base");
        assertThat(sfs.intColumn(SfsTable.D).get(0)).isEqualTo(768);
        assertThat(sfs.intColumn(SfsTable.R).get(0)).isEqualTo(64);
        assertThat(sfs.doubleColumn(SfsTable.FULL_PER_MODULE_MS).get(0)).isCloseTo(475.0, within(1e-9));
        assertThat(sfs.doubleColumn(SfsTable.FULL_MS).get(0)).isCloseTo(5_700.0, within(1e-9));
        assertThat(sfs.doubleColumn(SfsTable.SPEEDUP).get(0)).isCloseTo(2_850.0, within(1e-9));
        assertThat(sfs.stringColumn(SfsTable.NOTE).get(0)).isEmpty();
        // LLaMA-2-7B, r 8: one module took 90 s, so all 32 take 2,880 s, against 12 ms
        assertThat(sfs.intColumn(SfsTable.MODULES).get(1)).isEqualTo(32);
        assertThat(sfs.doubleColumn(SfsTable.FULL_PER_MODULE_MS).get(1)).isCloseTo(90_000.0, within(1e-9));
        assertThat(sfs.doubleColumn(SfsTable.FULL_MS).get(1)).isCloseTo(2_880_000.0, within(1e-6));
        assertThat(sfs.doubleColumn(SfsTable.SPEEDUP).get(1)).isCloseTo(240_000.0, within(1e-6));
        assertThat(sfs.stringColumn(SfsTable.NOTE).get(1)).contains("1 of 32 modules");
    }

    @Test
    void aResultFileThatIsNotJmhsIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "{\"benchmark\": 1}");
        assertThatThrownBy(() -> JmhResults.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("array");
        Files.writeString(file, "[{\"mode\": \"avgt\"}]");
        assertThatThrownBy(() -> JmhResults.read(file)).hasMessageContaining(file + " [0]: no field \"benchmark\"");
        Files.writeString(file, "[]\n[]\n");
        assertThatThrownBy(() -> JmhResults.read(file))
                .hasMessageStartingWith(file + ": not valid JSON (line 2, column 1): more content after");
    }
}
