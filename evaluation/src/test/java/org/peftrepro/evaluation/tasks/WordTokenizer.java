package org.peftrepro.evaluation.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peftrepro.evaluation.lm.CausalTokenizer;

/** A causal-LM tokenizer for prompt tests: one id per whitespace-separated word of a fixed vocabulary, BOS 0, EOS 2. */
final class WordTokenizer {
    private WordTokenizer() {}

    static CausalTokenizer create(Path folder, String... words) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String special : new String[] {"<s>", "<pad>", "</s>", "<unk>"}) {
            vocab.put(special, vocab.size());
        }
        for (String word : words) {
            vocab.putIfAbsent(word, vocab.size());
        }
        StringBuilder entries = new StringBuilder();
        vocab.forEach((word, id) -> entries.append(entries.length() == 0 ? "" : ", ").append('"').append(word).append("\": ").append(id));
        String tokenizer = """
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [{"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                                  {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
                 "normalizer": null, "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "vocab": {%s}, "unk_token": "<unk>"}}
                """.formatted(entries);
        Files.writeString(folder.resolve("tokenizer.json"), tokenizer);
        Files.writeString(folder.resolve("config.json"), "{\"bos_token_id\": 0, \"eos_token_id\": 2, \"pad_token_id\": 1}");
        return CausalTokenizer.load(folder);
    }
}
