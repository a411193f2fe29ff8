package org.peftrepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GlueDataTest {

    /** Every task's fixture in the Hub layout, written once: DuckDB takes a moment per file. */
    @TempDir
    static Path hub;

    @TempDir
    Path temp;

    @BeforeAll
    static void writeHubLayout() throws Exception {
        GlueFixtures.writeHubParquet(hub);
    }

    @ParameterizedTest
    @EnumSource(GlueTask.class)
    void readsEveryTaskFromTheGlueTsvLayout(GlueTask task) throws IOException {
        GlueData data = GlueData.load(GlueFixtures.tsvFolder(), task);

        assertThat(data.layout()).isEqualTo(GlueLayout.GLUE_TSV);
        assertMatchesFixture(data, task);
    }

    @ParameterizedTest
    @EnumSource(GlueTask.class)
    void readsEveryTaskFromTheHubParquetLayout(GlueTask task) throws Exception {
        GlueData data = GlueData.load(hub, task);

        assertThat(data.layout()).isEqualTo(GlueLayout.HUB_PARQUET);
        assertMatchesFixture(data, task);
    }

    private static void assertMatchesFixture(GlueData data, GlueTask task) {
        assertThat(data.train().examples()).containsExactlyElementsOf(GlueFixtures.expected(task, "train"));
        assertThat(data.dev()).extracting(GlueSplit::name).containsExactlyElementsOf(task.devSplits());
        for (String split : task.devSplits()) {
            assertThat(data.dev(split).examples()).containsExactlyElementsOf(GlueFixtures.expected(task, split));
        }
        assertThat(data.skippedRows()).isEmpty();
    }

    @Test
    void mnliPrimaryDevSplitIsMatched() throws IOException {
        GlueData data = GlueData.load(GlueFixtures.tsvFolder(), GlueTask.MNLI);

        assertThat(data.primaryDev().name()).isEqualTo("validation_matched");
        assertThat(data.primaryDev().files().get(0).getFileName().toString()).isEqualTo("dev_matched.tsv");
    }

    @Test
    void readsShardsInNameOrder() throws Exception {
        List<Example> all = GlueFixtures.expected(GlueTask.RTE, "train");
        Path config = temp.resolve("rte");
        // Written second-shard first: the reader must order by name, not by creation.
        GlueFixtures.writeParquet(GlueTask.RTE, all.subList(2, 3), config.resolve("train-00001-of-00002.parquet"));
        GlueFixtures.writeParquet(GlueTask.RTE, all.subList(0, 2), config.resolve("train-00000-of-00002.parquet"));
        GlueFixtures.writeParquet(GlueTask.RTE, GlueFixtures.expected(GlueTask.RTE, "validation"),
                config.resolve("validation-00000-of-00001.parquet"));

        GlueData data = GlueData.load(temp, GlueTask.RTE);

        assertThat(data.train().examples()).containsExactlyElementsOf(all);
        assertThat(data.train().files()).hasSize(2);
    }

    @Test
    void detectsLayouts() throws Exception {
        assertThat(GlueLayout.detect(GlueFixtures.tsvFolder())).isEqualTo(GlueLayout.GLUE_TSV);
        assertThat(GlueLayout.detect(hub)).isEqualTo(GlueLayout.HUB_PARQUET);
    }

    @Test
    void aFolderWithoutGlueDataIsRejected() throws IOException {
        Files.createDirectories(temp.resolve("empty/CoLA"));

        assertThatThrownBy(() -> GlueLayout.detect(temp.resolve("empty")))
                .isInstanceOf(IOException.class).hasMessageContaining("holds no GLUE data");
        assertThatThrownBy(() -> GlueLayout.detect(temp.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFolderWithBothLayoutsIsRejected() throws Exception {
        GlueFixtures.writeParquet(GlueTask.SST2, GlueFixtures.expected(GlueTask.SST2, "train"),
                temp.resolve("sst2/train-00000-of-00001.parquet"));
        write("SST-2/train.tsv", "sentence\tlabel", "good\t1");

        assertThatThrownBy(() -> GlueLayout.detect(temp)).hasMessageContaining("holds both");
    }

    @Test
    void aMissingSplitFileIsNamed() throws IOException {
        write("RTE/train.tsv", "index\tsentence1\tsentence2\tlabel", "0\ta\tb\tentailment");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.RTE))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(Path.of("RTE", "dev.tsv").toString());
    }

    // ---- bad rows: errors name the file and the line

    @Test
    void wrongFieldCountNamesFileAndLine() throws IOException {
        Path file = write("SST-2/train.tsv", "sentence\tlabel", "good\t1", "bad\t0\textra");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.SST2))
                .isInstanceOfSatisfying(GlueFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessageContaining(file + " line 3: expected 2 tab-separated fields");
    }

    @Test
    void unknownClassNameNamesFileAndLine() throws IOException {
        Path file = write("RTE/train.tsv", "index\tsentence1\tsentence2\tlabel", "0\ta\tb\tentailment",
                "1\tc\td\tmaybe");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.RTE))
                .hasMessageContaining(file + " line 3: unknown label 'maybe'");
    }

    @Test
    void unknownClassIdNamesFileAndLine() throws IOException {
        Path file = write("CoLA/train.tsv", "src\t1\t\tfine .", "src\t2\t\tnot a label .");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.COLA))
                .hasMessageContaining(file + " line 2: unknown label '2'");
    }

    @Test
    void aClassIdTooLargeForAnIntSaysSo() throws IOException {
        Path file = write("CoLA/train.tsv", "src\t1\t\tfine .", "src\t99999999999\t\tnot a label .");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.COLA)).hasMessageContaining(file
                + " line 2: label '99999999999' is too large: at most 2147483647 (a 32-bit integer); CoLA labels (column"
                + " 'label') are 0 (unacceptable), 1 (acceptable)");
    }

    @Test
    void aByteThatIsNotUtf8NamesItsOwnLineFarIntoTheFile() throws IOException {
        List<String> lines = new ArrayList<>(List.of("sentence\tlabel"));
        for (int i = 0; i < 3000; i++) {
            lines.add("a fine sentence number " + i + " , ünïcödé\t1");
        }
        Path file = write("SST-2/train.tsv", lines.toArray(String[]::new));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineStart = text.substring(0, text.indexOf("a fine sentence number 2500 ")).getBytes(StandardCharsets.UTF_8).length;
        bytes[lineStart + 2] = (byte) 0xFF; // line 2502: the header, then sentences 0..2500
        Files.write(file, bytes);

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.SST2))
                .isInstanceOfSatisfying(GlueFormatException.class, e -> assertThat(e.line()).isEqualTo(2502))
                .hasMessageStartingWith(file + " line 2502: not valid UTF-8: byte 0xFF at byte offset " + (lineStart + 2)
                        + " (column 3)");
    }

    @Test
    void aSplitFileThatIsADirectoryIsNotCalledMissing() throws IOException {
        write("RTE/train.tsv", "index\tsentence1\tsentence2\tlabel", "0\ta\tb\tentailment");
        Files.createDirectories(temp.resolve("RTE/dev.tsv"));

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.RTE))
                .hasMessage(temp.resolve("RTE/dev.tsv") + ": is a directory, not a file (the RTE validation split of the"
                        + " GLUE TSV layout)");
    }

    @Test
    void unparseableScoreNamesFileAndLine() throws IOException {
        String header = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore";
        Path file = write("STS-B/train.tsv", header, "0\tg\tf\ty\t0\ts\ts\ta\tb\t2.5", "1\tg\tf\ty\t1\ts\ts\ta\tb\tfive");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.STSB))
                .hasMessageContaining(file + " line 3: score 'five' in column 'score' is not a number");
    }

    @Test
    void scoreOutsideZeroToFiveIsAnError() throws IOException {
        String header = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore";
        Path file = write("STS-B/train.tsv", header, "0\tg\tf\ty\t0\ts\ts\ta\tb\t5.5");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.STSB)).hasMessageContaining(file + " line 2: score '5.5'");
    }

    @Test
    void emptySentenceNamesFileAndLine() throws IOException {
        Path file = write("QNLI/train.tsv", "index\tquestion\tsentence\tlabel", "0\tWhy?\t\tentailment");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.QNLI))
                .hasMessageContaining(file + " line 2: empty field 'sentence'");
    }

    @Test
    void missingHeaderColumnIsNamed() throws IOException {
        Path file = write("QQP/train.tsv", "id\tqid1\tqid2\tq1\tq2\tis_duplicate", "0\t1\t2\ta\tb\t1");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.QQP))
                .hasMessageContaining(file + " line 1: header has no column 'question1'");
    }

    @Test
    void qqpTrainRowsWithMissingFieldsAreSkippedAndReported() throws IOException {
        String header = "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate";
        Path train = write("QQP/train.tsv", header, "0\t1\t2\tWhy?\tHow?\t0", "1\t3\t4\tWhat is",
                "2\t5\t6\tWho?\t\t1", "3\t7\t8\tWhen?\tAt what time?\t1");
        write("QQP/dev.tsv", header, "9\t1\t2\tWhy?\tHow?\t0");

        GlueData data = GlueData.load(temp, GlueTask.QQP);

        assertThat(data.train().examples()).containsExactly(Example.classified(0, "Why?", "How?", 0),
                Example.classified(1, "When?", "At what time?", 1));
        assertThat(data.train().skippedRows()).extracting(SkippedRow::file, SkippedRow::line)
                .containsExactly(tuple(train, 3L),
                        tuple(train, 4L));
        assertThat(data.summary()).contains("train 2 (2 malformed rows skipped)").contains(train + " line 3");
    }

    @Test
    void qqpDevRowsWithMissingFieldsAreErrors() throws IOException {
        String header = "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate";
        write("QQP/train.tsv", header, "0\t1\t2\tWhy?\tHow?\t0");
        Path dev = write("QQP/dev.tsv", header, "9\t1\t2\tWhy?");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.QQP)).hasMessageContaining(dev + " line 2");
    }

    @Test
    void mnliRowsWithMissingFieldsAreSkippedButUnknownLabelsAreNot() throws IOException {
        String header = "index\tpromptID\tpairID\tgenre\tb1\tb2\tp1\tp2\tsentence1\tsentence2\tlabel1\tgold_label";
        String devHeader = "index\tpromptID\tpairID\tgenre\tb1\tb2\tp1\tp2\tsentence1\tsentence2"
                + "\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label";
        Path train = write("MNLI/train.tsv", header, "0\t0\t0n\tg\t\t\t\t\tA \"quoted\t\t\tneutral",
                "1\t1\t1e\tg\t\t\t\t\tA b.\tA.\tentailment\tentailment");
        write("MNLI/dev_matched.tsv", devHeader, "0\t0\t0e\tg\t\t\t\t\tA b.\tA.\te\te\te\te\te\tentailment");
        Path mismatched = write("MNLI/dev_mismatched.tsv", devHeader,
                "0\t0\t0e\tg\t\t\t\t\tA b.\tA.\te\te\te\te\te\tentails");

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.MNLI))
                .hasMessageContaining(mismatched + " line 2: unknown label 'entails'");

        write("MNLI/dev_mismatched.tsv", devHeader, "0\t0\t0e\tg\t\t\t\t\tA b.\tA.\te\te\te\te\te\tcontradiction");
        GlueData data = GlueData.load(temp, GlueTask.MNLI);
        assertThat(data.train().examples()).containsExactly(Example.classified(0, "A b.", "A.", 0));
        assertThat(data.train().skippedRows()).singleElement().satisfies(row -> {
            assertThat(row.file()).isEqualTo(train);
            assertThat(row.line()).isEqualTo(2);
        });
        assertThat(data.dev("validation_mismatched").examples()).containsExactly(
                Example.classified(0, "A b.", "A.", 2));
    }

    @Test
    void parquetLabelOutsideTheClassesNamesFileAndRow() throws Exception {
        Path config = temp.resolve("rte");
        Path train = config.resolve("train-00000-of-00001.parquet");
        GlueFixtures.writeParquetQuery("SELECT * FROM (VALUES ('a', 'b', 0::BIGINT, 0), ('c', 'd', 2::BIGINT, 1))"
                + " t(sentence1, sentence2, label, idx)", train);
        GlueFixtures.writeParquet(GlueTask.RTE, GlueFixtures.expected(GlueTask.RTE, "validation"),
                config.resolve("validation-00000-of-00001.parquet"));

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.RTE))
                .isInstanceOfSatisfying(GlueFormatException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining(train + " row 2: label 2 is not a class id of RTE");
    }

    @Test
    void parquetNullSentenceAndMissingColumnAreErrors() throws Exception {
        Path config = temp.resolve("sst2");
        Path train = config.resolve("train-00000-of-00001.parquet");
        GlueFixtures.writeParquetQuery("SELECT * FROM (VALUES ('fine', 1::BIGINT), (NULL, 0::BIGINT)) t(sentence, label)",
                train);
        Path dev = config.resolve("validation-00000-of-00001.parquet");
        GlueFixtures.writeParquetQuery("SELECT 'fine' AS text, 1::BIGINT AS label", dev);

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.SST2))
                .hasMessageContaining(train + " row 2: missing sentence (null in column 'sentence')");

        GlueFixtures.writeParquetQuery("SELECT 'fine' AS sentence, 1::BIGINT AS label", train);
        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.SST2))
                .hasMessageContaining(dev + ": no column 'sentence'");
    }

    @Test
    void parquetStsbScoresAreFloats() throws Exception {
        Path config = temp.resolve("stsb");
        GlueFixtures.writeParquetQuery("SELECT 'a' AS sentence1, 'b' AS sentence2, 3.25::FLOAT AS label, 0 AS idx",
                config.resolve("train-00000-of-00001.parquet"));
        Path dev = config.resolve("validation-00000-of-00001.parquet");
        GlueFixtures.writeParquetQuery("SELECT 'a' AS sentence1, 'b' AS sentence2, 7.0::FLOAT AS label, 0 AS idx", dev);

        assertThatThrownBy(() -> GlueData.load(temp, GlueTask.STSB)).hasMessageContaining(dev + " row 1: score 7.0");
    }

    private Path write(String relative, String... lines) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
