package org.peftrepro.reports;

import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir Path folder;

    /** A record with every field set, nested maps and lists included. */
    static RunRecord fullRecord() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learningRate", 4e-4);
        config.put("batchSize", 16);
        config.put("targets", List.of("query", "value"));
        config.put("scheduler", Map.of("name", "linear", "warmupRatio", 0.06));
        return RunRecord.builder("table1-lora-sst2-seed42-quick")
                .table("table1")
                .task("sst2")
                .method("lora")
                .methodOptions(Map.of("rank", 8, "alpha", 16))
                .seed(42)
                .scale(Scale.QUICK)
                .fidelity(Fidelity.OFFICIAL_CODE)
                .model("FacebookAI/roberta-base", "e2da8e2f")
                .data("nyu-mll/glue", "bcdcba79")
                .syntheticData(false)
                .device("cpu()")
                .trainableParamsAtStart(887_042)
                .trainableParamsAtEnd(887_042)
                .headParams(592_130)
                .addEpoch(new EpochResult(1, 0.41, Map.of("accuracy", 0.912), 61.5))
                .addEpoch(new EpochResult(2, 0.22, Map.of("accuracy", 0.934), 60.25))
                .bestEpoch(2)
                .bestMetrics(Map.of("accuracy", 0.934))
                .primaryMetric("accuracy")
                .meanStepTimeMs(118.5)
                .examplesPerSecond(135.0)
                .peakMemoryBytes(2_147_483_648L)
                .config(config)
                .versions(
                        Map.of(
                                "suite", "0.1.0", "djl", "0.35.1", "pytorch", "2.7.1", "java",
                                "17.0.15"))
                .gitCommit("28ec125")
                .startedAt(Instant.parse("2025-03-01T10:00:00Z"))
                .finishedAt(Instant.parse("2025-03-01T10:02:02.5Z"))
                .build();
    }

    @Test
    void recordRoundTripsThroughTheStore() throws IOException {
        RunStore store = new RunStore(folder);
        RunRecord record = fullRecord();

        Path file = store.write(record);

        assertThat(file).isEqualTo(folder.resolve("table1-lora-sst2-seed42-quick.json"));
        assertThat(store.readAll()).containsExactly(record);
        assertThat(store.find(record.runId())).contains(record);
    }

    @Test
    void jsonUsesTheDocumentedNamesAndValues() throws IOException {
        Path file = new RunStore(folder).write(fullRecord());
        String json = Files.readString(file);

        assertThat(json)
                .contains("\"schema\" : 1")
                .contains("\"status\" : \"ok\"")
                .contains("\"scale\" : \"quick\"")
                .contains("\"fidelity\" : \"official-code\"")
                .contains("\"startedAt\" : \"2025-03-01T10:00:00Z\"")
                .contains("\"revision\" : \"e2da8e2f\"");
    }

    @Test
    void failedRecordKeepsItsReason() throws IOException {
        RunStore store = new RunStore(folder);
        RunRecord failed = TestRecords.failed("lor2c", "rte", 1).build();
        store.write(failed);

        RunRecord read = store.find(failed.runId()).orElseThrow();
        assertThat(read.status()).isEqualTo(RunStatus.FAILED);
        assertThat(read.failureReason()).isEqualTo("loss became NaN at step 12");
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        Files.writeString(
                folder.resolve("future.json"),
                """
        {"schema": 1, "runId": "future", "status": "ok", "task": "rte", "addedLater": {"x": [1, 2]},
         "bestMetrics": {"accuracy": 0.7}, "primaryMetric": "accuracy"}
        """);

        List<RunRecord> records = new RunStore(folder).readAll();

        assertThat(records)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.runId()).isEqualTo("future");
                            assertThat(r.primaryValue()).contains(0.7);
                        });
    }

    @Test
    void writingLeavesNoTemporaryFilesAndReplacesTheOldRecord() throws IOException {
        RunStore store = new RunStore(folder);
        RunRecord first = TestRecords.failed("lora", "rte", 1).build();
        RunRecord second = TestRecords.ok("lora", "rte", 1, 0.8).build();
        assertThat(first.runId()).isEqualTo(second.runId());

        store.write(first);
        store.write(second);

        assertThat(fileNames()).containsExactly("lora-rte-seed1.json");
        assertThat(store.readAll()).containsExactly(second);
    }

    @Test
    void failedWriteCleansUpItsTemporaryFile() throws IOException {
        RunStore store = new RunStore(folder);
        RunRecord record = TestRecords.ok("lora", "rte", 1, 0.8).build();
        // A non-empty folder where the record file should go: the final rename cannot replace it.
        Path blocker = folder.resolve(record.runId() + ".json");
        Files.createDirectories(blocker.resolve("inside"));

        assertThatThrownBy(() -> store.write(record))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(blocker.toString());

        assertThat(fileNames()).containsExactly(record.runId() + ".json");
        assertThat(Files.isDirectory(blocker)).isTrue();
    }

    @Test
    void truncatedForeignAndNewerFilesAreSkippedWithTheirNames() throws IOException {
        RunStore store = new RunStore(folder);
        RunRecord good = TestRecords.ok("lora", "sst2", 1, 0.9).build();
        store.write(good);
        byte[] whole = Files.readAllBytes(store.write(fullRecord()));
        // What a crash mid-write would leave without atomic renames: the first half of a record.
        Files.write(folder.resolve("half.json"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(folder.resolve("package.json"), "{\"name\": \"something else\"}");
        Files.writeString(folder.resolve("list.json"), "[1, 2, 3]");
        Files.writeString(
                folder.resolve("newer.json"),
                "{\"schema\": 2, \"runId\": \"newer\", \"status\": \"ok\"}");
        Files.writeString(
                folder.resolve("badstatus.json"),
                "{\"schema\": 1, \"runId\": \"b\", \"status\": \"done\"}");
        // Leftover of a killed writer: ignored, not reported.
        Files.writeString(folder.resolve(".lora-x.json.123.tmp"), "{\"sch");

        RunStore.StoreContents contents = store.scan();

        assertThat(contents.records())
                .extracting(RunRecord::runId)
                .containsExactly("lora-sst2-seed1", "table1-lora-sst2-seed42-quick");
        assertThat(contents.skipped())
                .extracting(s -> s.file().getFileName().toString())
                .containsExactlyInAnyOrder(
                        "half.json", "package.json", "list.json", "newer.json", "badstatus.json");
        assertThat(reasonFor(contents, "half.json"))
                .contains("half.json")
                .contains("not valid JSON")
                .contains("line");
        assertThat(reasonFor(contents, "package.json"))
                .contains("not a run record")
                .contains("schema");
        assertThat(reasonFor(contents, "newer.json")).contains("schema").contains("2");
        assertThat(reasonFor(contents, "badstatus.json")).contains("field status");
        // readAll reports the same files as warnings instead of failing.
        assertThat(store.readAll()).hasSize(2);
    }

    @Test
    void aSecondFileWithTheSameRunIdIsSkipped() throws IOException {
        RunStore store = new RunStore(folder);
        RunRecord record = TestRecords.ok("lora", "rte", 1, 0.8).build();
        Files.copy(store.write(record), folder.resolve("copy-of-it.json"));

        RunStore.StoreContents contents = store.scan();

        assertThat(contents.records()).containsExactly(record);
        assertThat(contents.skipped())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.file().getFileName().toString())
                                    .isEqualTo("lora-rte-seed1.json");
                            assertThat(s.reason())
                                    .contains("lora-rte-seed1.json")
                                    .contains("another file already holds run lora-rte-seed1");
                        });
    }

    @Test
    void findReturnsEmptyForMissingOrCorruptRecords() throws IOException {
        RunStore store = new RunStore(folder);
        Files.writeString(folder.resolve("broken.json"), "{\"schema\": 1, \"runId\": \"bro");

        assertThat(store.find("absent")).isEmpty();
        assertThat(store.find("broken")).isEmpty();
    }

    @Test
    void readingAMissingFolderGivesNoRecords() throws IOException {
        assertThat(new RunStore(folder.resolve("not-yet")).readAll()).isEmpty();
    }

    @Test
    void runIdsThatCannotNameAFileAreRejected() {
        RunStore store = new RunStore(folder);
        for (String bad : new String[] {"../escape", "a/b", ".hidden", "", "with space"}) {
            RunRecord record = TestRecords.ok("lora", "rte", 1, 0.8).runId(bad).build();
            assertThatThrownBy(() -> store.write(record))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Run id '" + bad + "'");
        }
    }

    @Test
    void recordsAreUtf8() throws IOException {
        RunRecord record = TestRecords.ok("lora", "rte", 1, 0.8).failureReason("naïve – ✓").build();
        Path file = new RunStore(folder).write(record);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .contains("naïve – ✓");
    }

    private static String reasonFor(RunStore.StoreContents contents, String name) {
        return contents.skipped().stream()
                .filter(s -> s.file().getFileName().toString().equals(name))
                .findFirst()
                .orElseThrow()
                .reason();
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
