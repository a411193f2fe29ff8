package org.peftrepro.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.peftrepro.hub.HubClient;
import org.peftrepro.hub.RepoId;
import org.peftrepro.hub.RepoType;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.ModelConfigs;

/**
 * Turns a {@code --model} value into a config or a checkpoint folder: a local folder (or config.json file),
 * else a Hub id ({@code FacebookAI/roberta-base}, optionally {@code @revision}) through the Hugging Face
 * cache, downloading what is missing unless offline. The papers' backbones also have their config.json
 * bundled, so their shapes and counts need neither network nor cache.
 */
public final class ModelLocator {
    /** What a checkpoint folder needs for the suite: config, weights (single or sharded), tokenizer. */
    public static final List<String> CHECKPOINT_FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

    /** Hub ids (and short names) of the papers' backbones, whose config.json is bundled. */
    private static final Map<String, String> KNOWN = Map.of(
            "facebookai/roberta-base", "FacebookAI--roberta-base",
            "roberta-base", "FacebookAI--roberta-base",
            "meta-llama/llama-2-7b-hf", "meta-llama--Llama-2-7b-hf",
            "llama-2-7b", "meta-llama--Llama-2-7b-hf");

    private final HubClient hub;

    public ModelLocator(HubClient hub) {
        this.hub = hub;
    }

    /** Settings from the environment: HF_HOME, HF_HUB_CACHE, HF_TOKEN, HF_HUB_OFFLINE, HF_ENDPOINT. */
    public static ModelLocator fromEnvironment() {
        return new ModelLocator(new HubClient());
    }

    /** The config of a local folder or file, a bundled config, or the Hub's config.json. */
    public static ModelConfig config(String model) {
        Path local = Path.of(model);
        if (Files.exists(local)) {
            return ModelConfigs.read(local);
        }
        return knownConfig(model).orElseGet(() -> fromEnvironment().hubConfig(model));
    }

    /** The config.json of a Hub model, from the cache or downloaded. */
    public ModelConfig hubConfig(String hubId) {
        RepoId repo = parse(hubId);
        try {
            return ModelConfigs.read(hub.download(repo, RepoType.MODEL, "config.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("--model " + hubId + ": " + e.getMessage(), e);
        }
    }

    /** A checkpoint folder: the local folder itself, or the Hub snapshot with config, weights and tokenizer. */
    public Path checkpointFolder(String model) {
        Path local = Path.of(model);
        if (Files.isDirectory(local)) {
            return local;
        }
        if (Files.exists(local)) {
            throw new IllegalArgumentException("--model " + model + ": a checkpoint is a folder (config.json, "
                    + "model.safetensors, tokenizer.json), not a file");
        }
        parse(model);
        try {
            return hub.resolveModelFolder(model, CHECKPOINT_FILES);
        } catch (IOException e) {
            throw new UncheckedIOException("--model " + model + ": " + e.getMessage(), e);
        }
    }

    private static RepoId parse(String hubId) {
        try {
            return RepoId.parse(hubId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model " + hubId + ": no such folder or file, and not a Hub id ("
                    + e.getMessage() + ")", e);
        }
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
            return Optional.of(ModelConfigs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    id + " (bundled config.json)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
