package org.peftrepro.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.ModelConfigs;

/**
 * Turns a {@code --model} value into a config: a folder holding config.json, a config.json file, or a
 * known Hub id whose config ships with the suite (so shapes and counts work with no download).
 */
public final class ModelLocator {
    /** Hub ids (and short names) of the papers' backbones, whose config.json is bundled. */
    private static final Map<String, String> KNOWN = Map.of(
            "facebookai/roberta-base", "FacebookAI--roberta-base",
            "roberta-base", "FacebookAI--roberta-base",
            "meta-llama/llama-2-7b-hf", "meta-llama--Llama-2-7b-hf",
            "llama-2-7b", "meta-llama--Llama-2-7b-hf");

    private ModelLocator() {}

    /** The config of a local folder or file, or of a known Hub id. */
    public static ModelConfig config(String model) {
        Path local = Path.of(model);
        if (Files.exists(local)) {
            return ModelConfigs.read(local);
        }
        return knownConfig(model).orElseThrow(() -> new IllegalArgumentException("--model " + model
                + ": no such folder or file, and not a Hub id whose config ships with the suite ("
                + String.join(", ", KNOWN.keySet().stream().sorted().toList()) + ")"));
    }

    public static Optional<ModelConfig> knownConfig(String hubId) {
        String id = hubId.contains("@") ? hubId.substring(0, hubId.indexOf('@')) : hubId;
        String folder = KNOWN.get(id.toLowerCase(Locale.ROOT));
        if (folder == null) {
            return Optional.empty();
        }
        String resource = "known/" + folder + "/config.json";
        try (InputStream in = ModelLocator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled config missing: " + resource);
            }
            return Optional.of(ModelConfigs.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    id + " (bundled config.json)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
