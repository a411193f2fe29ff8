package org.peftrepro.evaluation.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.peftrepro.baselines.peft.AdapterFolder;
import org.peftrepro.baselines.peft.PeftAdapters;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.llama.LlamaForCausalLM;

/**
 * A causal LM ready to evaluate: a LLaMA checkpoint, optionally with a PEFT adapter (LoRA, Lily) attached, its
 * tokenizer, and the device it runs on. Offers lm-evaluation-harness's two requests, each over any number of
 * inputs: {@link #generate} and {@link #loglikelihood}. Inputs are sorted by length (longest first) into batches,
 * so that padding stays small, and the answers come back in the order of the inputs.
 */
public final class CausalLm implements AutoCloseable {
    private final NDManager manager;
    private final LlamaForCausalLM model;
    private final CausalTokenizer tokenizer;
    private final String description;

    private CausalLm(NDManager manager, LlamaForCausalLM model, CausalTokenizer tokenizer, String description) {
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
        this.description = description;
    }

    /**
     * Loads a checkpoint folder (config.json, weights, tokenizer.json) on {@code device} and attaches the PEFT adapter
     * folder when one is given.
     */
    public static CausalLm load(Path folder, Path adapter, Device device) throws IOException {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Backbone backbone = PretrainedModel.load(folder, manager).model();
            if (!(backbone instanceof LlamaForCausalLM model)) {
                throw new IllegalArgumentException(folder + ": a " + backbone.config().modelType()
                        + " checkpoint; generation and log-likelihoods need a causal LM (LLaMA)");
            }
            String description = folder.getFileName().toString();
            if (adapter != null) {
                AdapterFolder peft = PeftAdapters.read(adapter);
                PeftAdapters.attach(model, peft, manager);
                description += " + " + peft.methodName() + " adapter " + adapter.getFileName();
            }
            return new CausalLm(manager, model, CausalTokenizer.load(folder), description);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public LlamaForCausalLM model() {
        return model;
    }

    public CausalTokenizer tokenizer() {
        return tokenizer;
    }

    /** The checkpoint folder's name, and the adapter's when one is attached. */
    public String description() {
        return description;
    }

    /** The most positions the model was trained for (config.json's {@code max_position_embeddings}). */
    public int maxLength() {
        return model.config().maxPositionEmbeddings();
    }

    /** Generations for prompts given as text (BOS put in front), in the order given. */
    public List<Generation> generate(List<String> prompts, GenerationSettings settings, int batchSize, IntConsumer done) {
        return generateIds(prompts.stream().map(tokenizer::encodePrompt).toList(), settings, batchSize, done);
    }

    /**
     * Generations for prompts given as token ids, in the order given.
     *
     * @param done told how many inputs each finished batch held
     */
    public List<Generation> generateIds(List<int[]> prompts, GenerationSettings settings, int batchSize, IntConsumer done) {
        Generator generator = new Generator(model, tokenizer, manager);
        Generation[] results = new Generation[prompts.size()];
        for (int[] batch : batches(prompts.stream().mapToInt(p -> p.length).toArray(), batchSize)) {
            List<Generation> generated = generator.generate(Arrays.stream(batch).mapToObj(prompts::get).toList(),
                    settings, batch);
            for (int i = 0; i < batch.length; i++) {
                results[batch[i]] = generated.get(i);
            }
            done.accept(batch.length);
        }
        return Arrays.asList(results);
    }

    /** Log-likelihoods of (context, continuation) text pairs, in the order given. */
    public List<LogLikelihood> loglikelihood(List<String[]> pairs, int batchSize, IntConsumer done) {
        return loglikelihoodIds(pairs.stream().map(p -> tokenizer.encodePair(p[0], p[1])).toList(), batchSize, done);
    }

    /** Log-likelihoods of (context, continuation) pairs already encoded ({@link CausalTokenizer#encodePair}), in order. */
    public List<LogLikelihood> loglikelihoodIds(List<CausalTokenizer.ContextContinuation> encoded, int batchSize,
            IntConsumer done) {
        for (int i = 0; i < encoded.size(); i++) {
            if (encoded.get(i).continuation().length == 0) {
                throw new IllegalArgumentException("request " + (i + 1) + ": the continuation has no tokens to score");
            }
        }
        LogLikelihoods scorer = new LogLikelihoods(model, manager, maxLength());
        LogLikelihood[] results = new LogLikelihood[encoded.size()];
        int[] lengths = encoded.stream().mapToInt(e -> e.context().length + e.continuation().length).toArray();
        for (int[] batch : batches(lengths, batchSize)) {
            List<LogLikelihood> scored = scorer.score(Arrays.stream(batch).mapToObj(encoded::get).toList(),
                    tokenizer.special().pad());
            for (int i = 0; i < batch.length; i++) {
                results[batch[i]] = scored.get(i);
            }
            done.accept(batch.length);
        }
        return Arrays.asList(results);
    }

    /** Indices of the inputs, longest first (ties in input order), cut into batches. */
    static List<int[]> batches(int[] lengths, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        int[] order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -lengths[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
        }
        return batches;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }
}
