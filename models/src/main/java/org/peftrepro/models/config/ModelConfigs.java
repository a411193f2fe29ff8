package org.peftrepro.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.peftrepro.hub.io.InputFiles;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.StrictJson;

/** Reads a Hugging Face {@code config.json} into the typed config of its model family. */
public final class ModelConfigs {
    private ModelConfigs() {}

    /** Reads {@code config.json} from a checkpoint folder, or the given file. */
    public static ModelConfig read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve("config.json") : folderOrFile;
        JsonNode root;
        try {
            InputFiles.requireFile(file, "a model folder needs a config.json");
            root = StrictJson.read(file);
        } catch (FileSystemException | MalformedTextException e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
        return parse(root, file.toString());
    }

    /** Parses config.json text; {@code source} names it in errors. */
    public static ModelConfig parse(String json, String source) {
        try {
            return parse(StrictJson.parse(json, source), source);
        } catch (MalformedTextException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static ModelConfig parse(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new ConfigException(source + ": must hold a JSON object, found a JSON " + StrictJson.kind(root));
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
