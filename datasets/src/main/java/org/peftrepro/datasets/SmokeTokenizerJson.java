package org.peftrepro.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A Hugging Face {@code tokenizer.json} for the smoke vocabulary: a word-level model (one id per
 * word, whitespace split) with RoBERTa's special tokens and post-processor, so that pairs come out as
 * {@code <s> a </s></s> b </s>} just as RoBERTa's tokenizer makes them.
 */
final class SmokeTokenizerJson {

    private SmokeTokenizerJson() {
    }

    /** The file's text: the same bytes on every platform (fixed key order, "\n" line ends). */
    static String of(List<String> vocabulary) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < SmokeLexicon.SPECIAL_TOKENS.size(); id++) {
            ObjectNode token = added.addObject();
            token.put("id", id);
            token.put("content", SmokeLexicon.SPECIAL_TOKENS.get(id));
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        post.putArray("sep").add("</s>").add(2);
        post.putArray("cls").add("<s>").add(0);
        post.put("trim_offsets", true);
        post.put("add_prefix_space", false);
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            vocab.put(vocabulary.get(id), id);
        }
        model.put("unk_token", "<unk>");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return mapper.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the smoke tokenizer", e);
        }
    }
}
