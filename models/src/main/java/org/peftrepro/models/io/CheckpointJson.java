package org.peftrepro.models.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
     * Decodes UTF-8 strictly: a malformed byte is an error naming its offset, not a silent U+FFFD.
     *
     * @param what what the bytes are, for messages ("header", "index")
     */
    static String decodeUtf8(Path file, String what, ByteBuffer bytes) throws CheckpointFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = bytes.position();
        CharBuffer chars = CharBuffer.allocate(bytes.remaining()); // UTF-8 never has more chars than bytes
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new CheckpointFormatException(file, what + " is not valid UTF-8: malformed byte sequence at "
                    + what + " byte " + (bytes.position() - start));
        }
        return chars.flip().toString();
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
