package org.peftrepro.evaluation.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The token ids generation needs from a checkpoint folder, read as HF's {@code generate} reads them: from
 * {@code generation_config.json} first, then {@code config.json}.
 *
 * @param bos put before every prompt and context (LLaMA's tokenizer adds it), or empty when the model has none
 * @param eos every id that ends a sequence (LLaMA 3 lists several)
 * @param pad what prompts are padded with on the left (masked out, so any id works); HF falls back to the first
 *     end-of-sequence id when the model names none
 */
public record SpecialTokens(OptionalInt bos, Set<Integer> eos, int pad) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SpecialTokens {
        eos = Set.copyOf(eos);
    }

    /** Reads {@code generation_config.json} and {@code config.json} of a checkpoint folder. */
    public static SpecialTokens read(Path folder) throws IOException {
        List<JsonNode> sources = new ArrayList<>();
        for (String name : List.of("generation_config.json", "config.json")) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                sources.add(JSON.readTree(file.toFile()));
            }
        }
        OptionalInt bos = OptionalInt.empty();
        Set<Integer> eos = new LinkedHashSet<>();
        Integer pad = null;
        for (JsonNode source : sources) {
            if (bos.isEmpty() && source.path("bos_token_id").isIntegralNumber()) {
                bos = OptionalInt.of(source.get("bos_token_id").asInt());
            }
            if (eos.isEmpty()) {
                JsonNode node = source.path("eos_token_id");
                if (node.isIntegralNumber()) {
                    eos.add(node.asInt());
                } else if (node.isArray()) {
                    node.forEach(id -> eos.add(id.asInt()));
                }
            }
            if (pad == null && source.path("pad_token_id").isIntegralNumber()) {
                pad = source.get("pad_token_id").asInt();
            }
        }
        if (eos.isEmpty()) {
            throw new IOException(folder.resolve("config.json") + ": no eos_token_id here or in generation_config.json;"
                    + " generation needs to know which token ends a sequence");
        }
        return new SpecialTokens(bos, eos, pad != null ? pad : eos.iterator().next());
    }

    public boolean isEos(int id) {
        return eos.contains(id);
    }
}
