package org.peftrepro.models.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Hugging Face {@code config.json} into the typed config of its model family. */
public final class ModelConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelConfigs() {}

    /** Reads {@code config.json} from a checkpoint folder, or the given file. */
    public static ModelConfig read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve("config.json") : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file (a model folder needs a config.json)");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
        return parse(text, file.toString());
    }

    /** Parses config.json text; {@code source} names it in errors. */
    public static ModelConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source + ": must hold a JSON object");
        }
        ConfigFields fields = new ConfigFields(root, source);
        String type = fields.optionalString("model_type", null);
        if (type == null) {
            throw fields.error("model_type", "is missing");
        }
        return switch (type) {
            case "roberta" -> RobertaConfig.parse(fields);
            case "llama" -> LlamaConfig.parse(fields);
            default -> throw fields.error("model_type", "is \"" + type + "\"; the suite builds \"roberta\" and \"llama\"");
        };
    }
}
