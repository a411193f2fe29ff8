package org.peftrepro.models.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peftrepro.hub.io.InputFiles;

/**
 * The index of a sharded Hugging Face checkpoint ({@code model.safetensors.index.json}):
 * {@code {"metadata": {...}, "weight_map": {"<tensor>": "<shard file>", ...}}}, shard files being
 * named relative to the folder holding the index.
 */
final class ShardIndex {

    private final Path indexFile;
    private final Map<String, Path> shardByTensor;
    private final Map<String, String> metadata;

    private ShardIndex(Path indexFile, Map<String, Path> shardByTensor, Map<String, String> metadata) {
        this.indexFile = indexFile;
        this.shardByTensor = Collections.unmodifiableMap(shardByTensor);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    Path indexFile() {
        return indexFile;
    }

    /** Tensor name to shard path, in the index's order. */
    Map<String, Path> shardByTensor() {
        return shardByTensor;
    }

    /**
     * The index's {@code metadata}, values as text: Hugging Face writes numbers there (such as
     * {@code total_size}), which are given in their JSON spelling.
     */
    Map<String, String> metadata() {
        return metadata;
    }

    static ShardIndex read(Path indexFile) throws IOException {
        InputFiles.requireFile(indexFile, null);
        JsonNode root = CheckpointJson.parseObject(indexFile, "index", ByteBuffer.wrap(Files.readAllBytes(indexFile)));
        Path folder = indexFile.toAbsolutePath().normalize().getParent();
        return new ShardIndex(indexFile, parseWeightMap(indexFile, folder, root.get("weight_map")),
                parseMetadata(indexFile, root.get("metadata")));
    }

    private static Map<String, Path> parseWeightMap(Path indexFile, Path folder, JsonNode node)
            throws CheckpointFormatException {
        if (node == null) {
            throw new CheckpointFormatException(indexFile, "index has no 'weight_map' field");
        }
        if (!node.isObject()) {
            throw new CheckpointFormatException(indexFile, "'weight_map' must be a JSON object but is a "
                    + CheckpointJson.kind(node));
        }
        Map<String, Path> shardByTensor = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String tensor = field.getKey();
            JsonNode shardName = field.getValue();
            if (!shardName.isTextual() || shardName.textValue().isEmpty()) {
                throw new CheckpointFormatException(indexFile, tensor, "'weight_map' must give a shard file name but gives "
                        + shardName);
            }
            Path shard = folder.resolve(shardName.textValue()).normalize();
            // An index from elsewhere must not make us open files outside its own folder.
            if (!shard.startsWith(folder) || shard.equals(folder)) {
                throw new CheckpointFormatException(indexFile, tensor, "'weight_map' names shard '"
                        + shardName.textValue() + "', which lies outside the checkpoint folder " + folder);
            }
            shardByTensor.put(tensor, shard);
        }
        return shardByTensor;
    }

    private static Map<String, String> parseMetadata(Path indexFile, JsonNode node) throws CheckpointFormatException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            throw new CheckpointFormatException(indexFile, "'metadata' must be a JSON object but is a "
                    + CheckpointJson.kind(node));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            metadata.put(field.getKey(), value.isTextual() ? value.textValue() : value.toString());
        }
        return metadata;
    }
}
