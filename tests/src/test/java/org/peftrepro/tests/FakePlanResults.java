package org.peftrepro.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the workers of a {@link FakePlanWorker} plan left in the results folder. */
record FakePlanResults(Map<String, List<String>> executions, Map<String, String> recordedBy, List<String> claimFiles) {

    static FakePlanResults read(Path results) throws IOException {
        Map<String, List<String>> executions = new TreeMap<>();
        for (String marker : list(results.resolve("executions"))) {
            String[] parts = marker.split("\\.", 3);
            executions.computeIfAbsent(parts[0], id -> new ArrayList<>()).add(parts[1]);
        }
        Map<String, String> recordedBy = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String name : list(results.resolve("runs"))) {
            JsonNode record = json.readTree(results.resolve("runs").resolve(name).toFile());
            recordedBy.put(record.get("runId").asText(), record.get("worker").asText());
        }
        return new FakePlanResults(executions, recordedBy, list(results.resolve("claims")));
    }

    /** Every file in the folder, hidden ones (temporary files, takeover markers) included, sorted. */
    private static List<String> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
