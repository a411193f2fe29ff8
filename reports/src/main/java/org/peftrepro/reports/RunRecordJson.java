package org.peftrepro.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.StrictJson;

/** Converts {@link RunRecord}s to and from their JSON form. */
public final class RunRecordJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    // Timestamps as ISO-8601 text: readable in the file and unambiguous across time
                    // zones.
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    // A record from a newer writer may carry fields this reader does not know.
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    private RunRecordJson() {}

    /**
     * A mapper with the results store's JSON settings (ISO-8601 timestamps, indented, unknown fields ignored),
     * for the other files that live beside the records.
     */
    public static ObjectMapper storeMapper() {
        return MAPPER.copy();
    }

    /** The record as pretty-printed JSON. */
    public static String toJson(RunRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Run record " + record.runId() + " cannot be written as JSON", e);
        }
    }

    /**
     * Parses a run record, checking that the JSON is one: an object with a {@code schema} this code
     * understands, a {@code runId} and a {@code status}.
     *
     * @param json the file's text
     * @param sourceName file name for error messages
     * @throws InvalidRunRecordException naming {@code sourceName}, and the line and column where
     *     the JSON is broken
     */
    public static RunRecord fromJson(String json, String sourceName)
            throws InvalidRunRecordException {
        JsonNode tree;
        try {
            tree = StrictJson.parse(json, sourceName);
        } catch (MalformedTextException e) {
            throw new InvalidRunRecordException(e.getMessage(), e);
        }
        if (!tree.isObject()) {
            throw new InvalidRunRecordException(
                    sourceName + ": not a run record (expected a JSON object)");
        }
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.canConvertToInt()) {
            throw new InvalidRunRecordException(
                    sourceName + ": not a run record (no integer \"schema\" field)");
        }
        if (schema.intValue() > RunRecord.CURRENT_SCHEMA) {
            throw new InvalidRunRecordException(
                    sourceName
                            + ": field \"schema\" is "
                            + schema.intValue()
                            + ", newer than "
                            + RunRecord.CURRENT_SCHEMA
                            + ", the newest this version can read");
        }
        RunRecord record;
        try {
            record = MAPPER.treeToValue(tree, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRunRecordException(
                    sourceName + fieldPath(e) + ": " + e.getOriginalMessage(), e);
        }
        if (record.runId() == null || record.runId().isBlank()) {
            throw new InvalidRunRecordException(
                    sourceName + ": field \"runId\" is missing or blank");
        }
        if (record.status() == null) {
            throw new InvalidRunRecordException(
                    sourceName + ": field \"status\" is missing (expected ok or failed)");
        }
        return record;
    }

    /**
     * ", field epochs[2].metrics" for an error inside the tree, or "" when Jackson does not say
     * where.
     */
    private static String fieldPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return ", field " + path;
    }
}
