package org.peftrepro.models.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.Locale;

/** The JSON parsing shared by safetensors headers and shard indexes. */
final class CheckpointJson {

    /**
     * Strict on purpose: a header with the same tensor name twice, or with text after the object,
     * is a damaged file, and silently keeping one of the two entries would hide that.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CheckpointJson() {
    }

    /**
     * Parses {@code text} and requires a JSON object at the top.
     *
     * @param what what the text is, for messages ("header", "index")
     */
    static JsonNode parseObject(Path file, String what, String text) throws CheckpointFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(file, what + " is not valid JSON: " + e.getOriginalMessage()
                    + describeLocation(e.getLocation()), e);
        }
        if (root == null || !root.isObject()) {
            String found = root == null || root.isMissingNode() ? "nothing" : "a JSON " + kind(root);
            throw new CheckpointFormatException(file, what + " must be a JSON object but is " + found);
        }
        return root;
    }

    /** A short name of a node's JSON type, for messages: "string", "array", "number", ... */
    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String describeLocation(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
