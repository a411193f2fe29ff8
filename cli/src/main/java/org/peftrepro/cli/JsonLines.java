package org.peftrepro.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peftrepro.hub.io.AtomicFiles;

/** JSON Lines files in and out: one object per line; an error names the file, the line and the field. */
final class JsonLines {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** Every non-blank line as an object with an {@code id} and the given text fields. */
    static List<ObjectNode> read(Path file, List<String> textFields) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": not JSON (" + e.getOriginalMessage() + ")");
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(file + " line " + number + ": not a JSON object");
                }
                if (!object.has("id")) {
                    throw new IllegalArgumentException(file + " line " + number + ": no \"id\"");
                }
                for (String field : textFields) {
                    if (!object.path(field).isTextual()) {
                        throw new IllegalArgumentException(file + " line " + number + ": \"" + field + "\" must be a string");
                    }
                }
                rows.add(object);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no lines to read");
        }
        return rows;
    }

    /** Writes the objects one per line, the whole file at once (atomically). */
    static void write(Path file, List<ObjectNode> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectNode row : rows) {
            text.append(JSON.writeValueAsString(row)).append('\n');
        }
        AtomicFiles.writeString(file, text.toString());
    }
}
