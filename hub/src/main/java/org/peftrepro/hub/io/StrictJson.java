package org.peftrepro.hub.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one JSON reader of the suite, for every JSON file it is given: config.json, adapter_config.json,
 * tokenizer.json, shard indexes, protocols, run records, benchmark results.
 *
 * <p>Strict where Jackson's defaults are lenient: anything after the JSON value ({@code {...} {...}}, a second
 * object pasted below the first, stray text) is an error rather than silently ignored; so is a key given twice
 * in one object (which copy would count?) and an empty file. Bytes are decoded as strict UTF-8 first
 * ({@link Utf8Text}). Every error is a {@link MalformedTextException} naming the source, with the line and
 * column when they are known.
 */
public final class StrictJson {
    private static final JsonMapper MAPPER = builder().build();

    private StrictJson() {
    }

    /**
     * Reads a JSON file.
     *
     * @param extensions JSON extensions this file may use, e.g. {@link JsonReadFeature#ALLOW_NON_NUMERIC_NUMBERS}
     *     for files that write NaN; none for the formats HF and the suite write
     * @throws java.nio.file.NoSuchFileException or {@link java.nio.file.FileSystemException} when it is not a file
     * @throws MalformedTextException when it is not UTF-8 or not one JSON value
     */
    public static JsonNode read(Path file, JsonReadFeature... extensions) throws IOException {
        return parse(Utf8Text.read(file), file.toString(), extensions);
    }

    /** {@link #read}, requiring a JSON object: what config.json, adapter_config.json and tokenizer.json hold. */
    public static JsonNode readObject(Path file) throws IOException {
        return requireObject(read(file), file.toString());
    }

    /**
     * Parses JSON bytes (a bundled resource, a response body).
     *
     * @param source what the bytes are, as messages name them
     */
    public static JsonNode parse(byte[] bytes, String source) throws MalformedTextException {
        return parse(Utf8Text.decode(bytes, source), source);
    }

    /**
     * Parses JSON text.
     *
     * @param source what the text is, as messages name it
     */
    public static JsonNode parse(String text, String source, JsonReadFeature... extensions)
            throws MalformedTextException {
        // A byte order mark is not JSON, but Jackson skips it when reading bytes and some editors write it.
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        JsonNode root;
        try {
            root = (extensions.length == 0 ? MAPPER : builder().enable(extensions).build()).readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long line = at == null ? 0 : Math.max(0, at.getLineNr());
            long column = at == null || line == 0 ? 0 : Math.max(0, at.getColumnNr());
            throw new MalformedTextException(source, line, column, "not valid JSON: " + describe(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedTextException(source, 0, 0, "not valid JSON: empty, no JSON value", null);
        }
        return root;
    }

    /** {@code root} when it is a JSON object; otherwise an error saying what it is instead. */
    public static JsonNode requireObject(JsonNode root, String source) throws MalformedTextException {
        if (!root.isObject()) {
            throw new MalformedTextException(source, 0, 0, "must hold a JSON object, found a JSON " + kind(root), null);
        }
        return root;
    }

    /** A short name of a node's JSON type, for messages: "string", "array", "number", ... */
    public static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonProcessingException e) {
        // Jackson words this one for Java programmers ("bound as `JsonNode`", "FAIL_ON_TRAILING_TOKENS").
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
            return "more content after the end of the JSON value (a second value, or stray text)";
        }
        return e.getOriginalMessage();
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
