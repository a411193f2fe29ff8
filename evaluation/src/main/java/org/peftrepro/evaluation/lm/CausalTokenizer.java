package org.peftrepro.evaluation.lm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A causal LM's {@code tokenizer.json} (through DJL's binding of HF's Rust tokenizers, so ids are HF's), used as
 * LLaMA's tokenizer is: text is encoded without the tokenizer's post-processor and the BOS id is put in front of
 * prompts and contexts here, so a tokenizer whose post-processor adds other tokens (a RoBERTa-style one adds
 * {@code </s>}) still gives LLaMA's layout. Continuations are encoded as lm-evaluation-harness encodes them:
 * context and continuation together, split at the context's length.
 */
public final class CausalTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final SpecialTokens special;

    private CausalTokenizer(HuggingFaceTokenizer tokenizer, SpecialTokens special) {
        this.tokenizer = tokenizer;
        this.special = special;
    }

    /** Loads {@code tokenizer.json} and the special ids of a checkpoint folder. */
    public static CausalTokenizer load(Path folder) throws IOException {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; a causal LM checkpoint for generation needs its tokenizer.json");
        }
        Map<String, String> options = Map.of(
                "addSpecialTokens", "false",
                "truncation", "false",
                "padding", "false",
                // DJL caps encodings at modelMaxLength (512 by default); prompts are cut by the protocols instead.
                "modelMaxLength", Integer.toString(Integer.MAX_VALUE));
        return new CausalTokenizer(HuggingFaceTokenizer.newInstance(file, options), SpecialTokens.read(folder));
    }

    public SpecialTokens special() {
        return special;
    }

    /** The text's ids, no special token added. */
    public int[] encode(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        return Arrays.stream(encoding.getIds()).mapToInt(Math::toIntExact).toArray();
    }

    /** A prompt or context: BOS (when the model has one), then the text's ids. */
    public int[] encodePrompt(String text) {
        int[] ids = encode(text);
        if (special.bos().isEmpty()) {
            return ids;
        }
        int[] withBos = new int[ids.length + 1];
        withBos[0] = special.bos().getAsInt();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    /**
     * Context and continuation ids as lm-evaluation-harness splits them: trailing whitespace of the context moves to
     * the continuation; the two texts are encoded together and split where the context's own encoding ends, so a
     * token that spans the boundary belongs to the continuation; BOS goes before the context only.
     */
    public ContextContinuation encodePair(String context, String continuation) {
        int spaces = context.length() - context.stripTrailing().length();
        String ctx = context.substring(0, context.length() - spaces);
        String cont = context.substring(context.length() - spaces) + continuation;
        int[] contextIds = encodePrompt(ctx);
        int[] whole = encodePrompt(ctx + cont);
        int split = Math.min(contextIds.length, whole.length);
        return new ContextContinuation(Arrays.copyOf(whole, split), Arrays.copyOfRange(whole, split, whole.length));
    }

    /** The text of {@code ids}, special tokens left out, as HF's {@code decode(..., skip_special_tokens=True)}. */
    public String decode(int[] ids) {
        return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
    }

    /** The text of a list of ids. */
    public String decode(List<Integer> ids) {
        return decode(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** The two halves of a log-likelihood request's tokens. */
    public record ContextContinuation(int[] context, int[] continuation) {}
}
