package org.peftrepro.evaluation.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peftrepro.evaluation.tasks.Benchmark;
import org.peftrepro.evaluation.tasks.ItemResult;
import org.peftrepro.evaluation.tasks.Protocol;
import org.peftrepro.hub.io.AtomicFiles;

/**
 * An evaluation's results folder, every file written atomically so that a killed evaluation leaves only whole files
 * and, started again with the same settings, goes on where it stopped:
 * <pre>
 *   evaluation.json                        what is evaluated (model, adapter, scale, limit, data, seed, sandbox)
 *   items/&lt;benchmark&gt;.&lt;protocol&gt;/chunk-NNNNN.json   scored items, a chunk at a time
 *   &lt;benchmark&gt;.&lt;protocol&gt;.json                  a finished benchmark's record
 * </pre>
 */
public final class EvaluationStore {
    static final String SETTINGS_FILE = "evaluation.json";
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    private EvaluationStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Opens a results folder for an evaluation of {@code identity}: a new folder takes it; a folder that holds an
     * evaluation of other settings is refused, so that records of two models never mix.
     */
    static EvaluationStore open(Path folder, Map<String, Object> identity) throws IOException {
        Path file = folder.resolve(SETTINGS_FILE);
        // Through text, so that numbers compare as they read back (an int written is a long or an int read).
        JsonNode wanted = JSON.readTree(JSON.writeValueAsString(identity));
        if (Files.exists(file)) {
            JsonNode stored = JSON.readTree(file.toFile());
            if (!stored.equals(wanted)) {
                throw new IllegalArgumentException(folder + " holds an evaluation of other settings (" + file + ": "
                        + differences(stored, wanted) + "); give another --out, or delete the folder to start over");
            }
        } else {
            AtomicFiles.writeString(file, JSON.writeValueAsString(wanted) + "\n");
        }
        return new EvaluationStore(folder);
    }

    private static String differences(JsonNode stored, JsonNode wanted) {
        List<String> out = new ArrayList<>();
        wanted.fieldNames().forEachRemaining(name -> {
            if (!wanted.get(name).equals(stored.get(name))) {
                out.add(name + " " + stored.get(name) + " there, " + wanted.get(name) + " now");
            }
        });
        return out.isEmpty() ? "other fields" : String.join("; ", out);
    }

    public Path folder() {
        return folder;
    }

    Optional<BenchmarkRecord> record(Benchmark benchmark, Protocol protocol) throws IOException {
        Path file = recordFile(benchmark, protocol);
        return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), BenchmarkRecord.class)) : Optional.empty();
    }

    void writeRecord(BenchmarkRecord record) throws IOException {
        AtomicFiles.writeString(folder.resolve(record.benchmark() + "." + record.protocol() + ".json"),
                JSON.writeValueAsString(record) + "\n");
    }

    /** The items scored so far and the seconds they took, over every chunk. */
    record Progress(List<ItemResult> items, double seconds) {}

    Progress progress(Benchmark benchmark, Protocol protocol) throws IOException {
        List<ItemResult> items = new ArrayList<>();
        double seconds = 0;
        for (Path chunk : chunks(benchmark, protocol)) {
            Chunk stored = JSON.readValue(chunk.toFile(), Chunk.class);
            items.addAll(stored.items());
            seconds += stored.seconds();
        }
        return new Progress(items, seconds);
    }

    void writeChunk(Benchmark benchmark, Protocol protocol, List<ItemResult> items, double seconds) throws IOException {
        Path dir = itemsFolder(benchmark, protocol);
        int next = chunks(benchmark, protocol).size();
        AtomicFiles.writeString(dir.resolve(String.format("chunk-%05d.json", next)),
                JSON.writeValueAsString(new Chunk(seconds, items)) + "\n");
    }

    /** The records of every finished benchmark in a results folder, in name order. */
    public static List<BenchmarkRecord> readAll(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.*.json")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        List<BenchmarkRecord> records = new ArrayList<>();
        for (Path file : files) {
            records.add(JSON.readValue(file.toFile(), BenchmarkRecord.class));
        }
        return records;
    }

    /** The settings an evaluation folder was made with, as stored. */
    public static Map<String, Object> settings(Path folder) throws IOException {
        return JSON.readValue(folder.resolve(SETTINGS_FILE).toFile(), new TypeReference<>() {});
    }

    private List<Path> chunks(Benchmark benchmark, Protocol protocol) throws IOException {
        Path dir = itemsFolder(benchmark, protocol);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "chunk-*.json")) {
                entries.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }

    private Path itemsFolder(Benchmark benchmark, Protocol protocol) {
        return folder.resolve("items").resolve(benchmark.wireName() + "." + protocol.wireName());
    }

    private Path recordFile(Benchmark benchmark, Protocol protocol) {
        return folder.resolve(benchmark.wireName() + "." + protocol.wireName() + ".json");
    }

    /** One chunk file. */
    record Chunk(double seconds, List<ItemResult> items) {}
}
