package org.peftrepro.datasets;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.StrictJson;

/**
 * Turns sentences and sentence pairs into token ids with a Hugging Face {@code tokenizer.json}
 * (through DJL's binding of the Rust tokenizers library, so ids match HF's exactly). Special tokens
 * come from the tokenizer's post-processor (RoBERTa: {@code <s> a </s></s> b </s>}); sequences
 * longer than the maximum length are truncated longest-first, as HF does; nothing is padded here
 * (the {@link Batcher} pads).
 */
public final class TextEncoder implements AutoCloseable {

    /** Sentences per call into the native library: large enough to use its threads, small enough to bound memory. */
    private static final int ENCODE_CHUNK = 1024;

    private static final List<String> PAD_TOKENS = List.of("<pad>", "[PAD]");

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final int padId;

    private TextEncoder(HuggingFaceTokenizer tokenizer, int maxLength, int padId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.padId = padId;
    }

    /**
     * Loads a tokenizer and takes its pad id from the file: the {@code padding} section if it has one,
     * otherwise the {@code <pad>} or {@code [PAD]} token.
     *
     * @param tokenizerJson a {@code tokenizer.json}, or the folder holding it
     * @param maxLength the most tokens per encoded example, special tokens included
     * @throws IOException naming the file: missing, not strict JSON ({@link StrictJson}), or not a tokenizer the
     *     tokenizers library can build
     */
    public static TextEncoder load(Path tokenizerJson, int maxLength) throws IOException {
        Path file = fileOf(tokenizerJson);
        // Read here first: the native library ignores content after the JSON value, and its errors name no file.
        return build(file, maxLength, padIdOf(StrictJson.readObject(file), file));
    }

    /** Loads a tokenizer whose pad id is given. */
    public static TextEncoder load(Path tokenizerJson, int maxLength, int padId) throws IOException {
        Path file = fileOf(tokenizerJson);
        StrictJson.readObject(file);
        return build(file, maxLength, padId);
    }

    private static Path fileOf(Path tokenizerJson) {
        return Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
    }

    private static TextEncoder build(Path file, int maxLength, int padId) throws IOException {
        if (maxLength < 4) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for a sentence pair"
                    + " between its special tokens");
        }
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "LONGEST_FIRST",
                "padding", "false",
                "maxLength", Integer.toString(maxLength),
                // DJL caps maxLength at modelMaxLength (512 by default): the caller's cap is the model's.
                "modelMaxLength", Integer.toString(maxLength));
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(file, options);
        } catch (RuntimeException e) {
            throw new MalformedTextException(file.toString(), 0, 0,
                    "not a tokenizer the Hugging Face tokenizers library can load: " + e.getMessage(), e);
        }
        return new TextEncoder(tokenizer, maxLength, padId);
    }

    public int maxLength() {
        return maxLength;
    }

    /** The id the batcher pads with. */
    public int padId() {
        return padId;
    }

    /** Encodes one sentence ({@code textB == null}) or one pair, without a label. */
    public EncodedExample encode(String textA, String textB) {
        Encoding encoding = textB == null ? tokenizer.encode(textA) : tokenizer.encode(textA, textB);
        return toEncoded(encoding, Example.NO_LABEL, Float.NaN);
    }

    /** Encodes one example, keeping its label or score. */
    public EncodedExample encode(Example example) {
        Encoding encoding = example.isPair()
                ? tokenizer.encode(example.textA(), example.textB())
                : tokenizer.encode(example.textA());
        return toEncoded(encoding, example.label(), example.score());
    }

    /** Encodes examples in order, in chunks handed to the native library at once. */
    public List<EncodedExample> encodeAll(List<Example> examples) {
        List<EncodedExample> encoded = new ArrayList<>(examples.size());
        for (int start = 0; start < examples.size(); start += ENCODE_CHUNK) {
            List<Example> chunk = examples.subList(start, Math.min(examples.size(), start + ENCODE_CHUNK));
            Encoding[] encodings = encodeChunk(chunk);
            for (int i = 0; i < encodings.length; i++) {
                encoded.add(toEncoded(encodings[i], chunk.get(i).label(), chunk.get(i).score()));
            }
        }
        return encoded;
    }

    private Encoding[] encodeChunk(List<Example> chunk) {
        boolean pairs = chunk.get(0).isPair();
        for (Example example : chunk) {
            if (example.isPair() != pairs) {
                throw new IllegalArgumentException("example " + example.index() + " is "
                        + (pairs ? "a single sentence" : "a pair") + " among " + (pairs ? "pairs" : "single sentences"));
            }
        }
        if (!pairs) {
            return tokenizer.batchEncode(chunk.stream().map(Example::textA).toList());
        }
        PairList<String, String> texts = new PairList<>(chunk.size());
        chunk.forEach(example -> texts.add(example.textA(), example.textB()));
        return tokenizer.batchEncode(texts);
    }

    private static EncodedExample toEncoded(Encoding encoding, int label, float score) {
        return new EncodedExample(toInts(encoding.getIds()), toInts(encoding.getTypeIds()), label, score);
    }

    private static int[] toInts(long[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = Math.toIntExact(values[i]);
        }
        return ints;
    }

    private static int padIdOf(JsonNode root, Path tokenizerJson) throws IOException {
        JsonNode padding = root.path("padding");
        if (padding.hasNonNull("pad_id")) {
            return tokenId(padding.get("pad_id"), "padding.pad_id", tokenizerJson);
        }
        for (JsonNode token : root.path("added_tokens")) {
            if (PAD_TOKENS.contains(token.path("content").asText())) {
                return tokenId(token.path("id"), "added_tokens id of " + token.path("content").asText(), tokenizerJson);
            }
        }
        JsonNode vocab = root.path("model").path("vocab");
        for (String name : PAD_TOKENS) {
            if (vocab.has(name)) {
                return tokenId(vocab.get(name), "model.vocab id of " + name, tokenizerJson);
            }
        }
        throw new IOException(tokenizerJson + ": no padding section and no " + PAD_TOKENS
                + " token; give the pad id explicitly");
    }

    private static int tokenId(JsonNode node, String field, Path tokenizerJson) throws IOException {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new IOException(tokenizerJson + ": " + field + " must be a token id (an integer from 0), found " + node);
        }
        return node.intValue();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
