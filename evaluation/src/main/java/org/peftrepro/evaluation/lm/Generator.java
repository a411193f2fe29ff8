package org.peftrepro.evaluation.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.peftrepro.models.llama.KvCache;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.sites.ForwardContext;

/**
 * Continues a batch of prompts as HF's {@code generate} does. Prompts of different lengths are padded on the left
 * (masked, their positions counted from their first token); the prompts run once through the model (prefill), whose
 * keys and values go into a {@link KvCache} allocated once for the batch, then every step runs one new token per
 * sequence. Each sequence stops on its own, at an end-of-sequence token, at a stop string or at the token limit;
 * the batch stops when all have, and a sequence that stopped is fed the pad id meanwhile, as in HF. Every step's
 * arrays live in a manager of their own, closed at the end of the step.
 */
public final class Generator {
    private final LlamaForCausalLM model;
    private final CausalTokenizer tokenizer;
    private final NDManager manager;

    /** @param manager where the model's parameters are: every batch's arrays go to sub-managers of it */
    public Generator(LlamaForCausalLM model, CausalTokenizer tokenizer, NDManager manager) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.manager = manager;
    }

    /** Continues one batch of prompts (token ids, BOS included where wanted), in the order given. */
    public List<Generation> generate(List<int[]> prompts, GenerationSettings settings) {
        return generate(prompts, settings, java.util.stream.IntStream.range(0, prompts.size()).toArray());
    }

    /**
     * @param places each prompt's place in the whole request list, which picks its random stream when sampling, so
     *     that a sequence draws the same tokens in any batch
     */
    public List<Generation> generate(List<int[]> prompts, GenerationSettings settings, int[] places) {
        if (prompts.isEmpty()) {
            return List.of();
        }
        int batch = prompts.size();
        int promptLength = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        if (prompts.stream().anyMatch(p -> p.length == 0)) {
            throw new IllegalArgumentException("an empty prompt has nothing to continue (the model has no BOS token)");
        }
        SpecialTokens special = tokenizer.special();
        List<Sequence> sequences = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            TokenSampler sampler = settings.sampling() instanceof Sampling.Sampled s ? new TokenSampler(s, places[i]) : null;
            sequences.add(new Sequence(sampler));
        }
        // Left padding: (batch, promptLength) ids and mask, prompts flush right.
        int width = promptLength + settings.maxNewTokens();
        long[][] ids = new long[batch][width];
        long[][] mask = new long[batch][width];
        for (int i = 0; i < batch; i++) {
            int[] prompt = prompts.get(i);
            int pad = promptLength - prompt.length;
            for (int t = 0; t < promptLength; t++) {
                ids[i][t] = t < pad ? special.pad() : prompt[t - pad];
                mask[i][t] = t < pad ? 0 : 1;
            }
        }
        try (NDManager batchManager = manager.newSubManager();
                KvCache cache = settings.useCache() ? model.newCache(batchManager, batch, width) : null) {
            int length = promptLength;
            for (int step = 0; step < settings.maxNewTokens(); step++) {
                long[] next;
                try (NDManager stepManager = batchManager.newSubManager()) {
                    NDArray logits = cache != null
                            ? cachedStep(stepManager, cache, ids, mask, step == 0 ? 0 : length - 1, length)
                            : fullPass(stepManager, ids, mask, length);
                    next = choose(logits, sequences);
                }
                boolean running = false;
                for (int i = 0; i < batch; i++) {
                    Sequence sequence = sequences.get(i);
                    if (sequence.stop == null) {
                        sequence.append((int) next[i], special, settings);
                    } else {
                        next[i] = special.pad();
                    }
                    ids[i][length] = next[i];
                    mask[i][length] = 1;
                    running |= sequence.stop == null;
                }
                length++;
                if (!running) {
                    break;
                }
            }
        }
        List<Generation> results = new ArrayList<>(batch);
        for (Sequence sequence : sequences) {
            results.add(sequence.finish(settings));
        }
        return results;
    }

    /** Positions [from, to) through the cached model: the whole prompt first, then one token. (batch, 1, vocab) */
    private NDArray cachedStep(NDManager stepManager, KvCache cache, long[][] ids, long[][] mask, int from, int to) {
        NDArray input = window(stepManager, ids, from, to);
        // Generated tokens are never padding: only the prompt pass needs a mask.
        NDArray inputMask = from == 0 ? window(stepManager, mask, from, to) : null;
        return model.lastLogits(input, 1, cache, ForwardContext.inference(inputMask));
    }

    /** The whole sequence so far through the model, no cache. (batch, 1, vocab) */
    private NDArray fullPass(NDManager stepManager, long[][] ids, long[][] mask, int length) {
        return model.lastLogits(window(stepManager, ids, 0, length), 1,
                ForwardContext.inference(window(stepManager, mask, 0, length)));
    }

    private static NDArray window(NDManager stepManager, long[][] rows, int from, int to) {
        int width = to - from;
        long[] flat = new long[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], from, flat, i * width, width);
        }
        return stepManager.create(flat, new Shape(rows.length, width));
    }

    /** The next token of every sequence: the argmax on the device, or a draw from the logits on the host. */
    private static long[] choose(NDArray logits, List<Sequence> sequences) {
        if (sequences.get(0).sampler == null) {
            return logits.argMax(-1).toLongArray();
        }
        int vocab = Math.toIntExact(logits.getShape().get(2));
        float[] values = logits.toFloatArray();
        long[] next = new long[sequences.size()];
        for (int i = 0; i < next.length; i++) {
            next[i] = sequences.get(i).sampler.sample(values, i * vocab, vocab);
        }
        return next;
    }

    /** One sequence's tokens so far and why it stopped (null while it runs). */
    private final class Sequence {
        final TokenSampler sampler;
        final List<Integer> tokens = new ArrayList<>();
        Generation.Stop stop;

        Sequence(TokenSampler sampler) {
            this.sampler = sampler;
        }

        void append(int token, SpecialTokens special, GenerationSettings settings) {
            tokens.add(token);
            if (special.isEos(token)) {
                stop = Generation.Stop.EOS;
            } else if (!settings.stopStrings().isEmpty()
                    && firstStop(tokenizer.decode(tokens), settings.stopStrings()) >= 0) {
                stop = Generation.Stop.STOP_STRING;
            } else if (tokens.size() == settings.maxNewTokens()) {
                stop = Generation.Stop.LENGTH;
            }
        }

        Generation finish(GenerationSettings settings) {
            int[] ids = tokens.stream().mapToInt(Integer::intValue).toArray();
            String text = tokenizer.decode(ids);
            int cut = firstStop(text, settings.stopStrings());
            return new Generation(ids, cut < 0 ? text : text.substring(0, cut), stop);
        }
    }

    /** Where the earliest stop string begins in {@code text}, or -1. */
    static int firstStop(String text, List<String> stopStrings) {
        int first = -1;
        for (String stop : stopStrings) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
