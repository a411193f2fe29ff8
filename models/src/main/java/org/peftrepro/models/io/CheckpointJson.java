package org.peftrepro.models.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.StrictJson;
import org.peftrepro.hub.io.Utf8Text;

/**
 * The JSON of safetensors headers and shard indexes: read with the suite's strict reader (a tensor named twice,
 * or text after the object, is a damaged file), its errors as {@link CheckpointFormatException}s.
 */
final class CheckpointJson {

    /** For writing headers. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointJson() {
    }

    /**
     * Decodes the bytes as strict UTF-8 and parses them, requiring a JSON object at the top.
     *
     * @param what what the bytes are, for messages ("header", "index")
     */
    static JsonNode parseObject(Path file, String what, ByteBuffer bytes) throws CheckpointFormatException {
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        JsonNode root;
        try {
            root = StrictJson.parse(Utf8Text.decode(array, file.toString()), file.toString());
        } catch (MalformedTextException e) {
            throw new CheckpointFormatException(file, what + " is " + e.problemWithLocation(), e);
        }
        if (!root.isObject()) {
            throw new CheckpointFormatException(file, what + " must be a JSON object but is a JSON " + kind(root));
        }
        return root;
    }

    /** A short name of a node's JSON type, for messages: "string", "array", "number", ... */
    static String kind(JsonNode node) {
        return StrictJson.kind(node);
    }
}
