package org.peftrepro.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.Generator;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.llama.LlamaForCausalLM;

/**
 * Greedy generation of {@code newTokens} tokens after random prompts, with the KV cache (the prompt once, then one
 * token per step) and without it (the whole sequence again at every step), on random weights of a small LLaMA shape
 * (4 layers, hidden 256, LLaMA-2's vocabulary of 32,000). One operation is one whole generation of the batch; no
 * sequence ends early (the end-of-sequence id lies outside the vocabulary), so tokens/s is batch x new tokens per
 * second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class GenerationBenchmark {
    /** The shape: a LLaMA with few, narrow layers and a real vocabulary, so the LM head weighs as it does at scale. */
    static final LlamaConfig SMALL_LLAMA = new LlamaConfig(8000, 256, 688, 4, 4, 4, 64, 1e-5, 10000.0, 4096, false, false,
            false, 0.02, List.of("LlamaForCausalLM"));
    static final int SEED = 17;

    @Param({"true", "false"})
    public boolean cache;

    @Param({"1"})
    public int batch;

    @Param({"32"})
    public int promptLength;

    @Param({"256"})
    public int newTokens;

    /** cpu, gpu or gpu:N. */
    @Param({"cpu"})
    public String device;

    private NDManager manager;
    private Path folder;
    private CausalTokenizer tokenizer;
    private Generator generator;
    private List<int[]> prompts;
    private GenerationSettings settings;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Engine.getInstance().setRandomSeed(SEED);
        manager = NDManager.newBaseManager(BenchDevice.parse(device));
        LlamaForCausalLM model = new LlamaForCausalLM(SMALL_LLAMA);
        ModelWeights.initializeAll(model, manager, SMALL_LLAMA.initializerRange());
        folder = Files.createTempDirectory("generation-benchmark-");
        tokenizer = wordTokenizer(folder, SMALL_LLAMA.vocabSize());
        generator = new Generator(model, tokenizer, manager);
        Random random = new Random(SEED);
        prompts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            prompts.add(IntStream.range(0, promptLength).map(t -> 3 + random.nextInt(SMALL_LLAMA.vocabSize() - 3)).toArray());
        }
        settings = GenerationSettings.greedy(newTokens, List.of()).withCache(cache);
    }

    @Benchmark
    public int generate() {
        List<Generation> out = generator.generate(prompts, settings);
        int tokens = out.stream().mapToInt(g -> g.tokens().length).sum();
        if (tokens != batch * newTokens) {
            throw new IllegalStateException("generated " + tokens + " tokens, expected " + batch * newTokens);
        }
        return tokens;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        tokenizer.close();
        manager.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    /**
     * A word-level tokenizer of {@code vocab} ids ("t0", "t1", ...), with an end-of-sequence id past the vocabulary
     * so that no sequence ends early: the generator decodes what it generated, the benchmark needs no real text.
     */
    static CausalTokenizer wordTokenizer(Path folder, int vocab) throws IOException {
        String entries = IntStream.range(0, vocab).mapToObj(i -> "\"t" + i + "\": " + i).collect(Collectors.joining(", "));
        Files.writeString(folder.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, "
                + "\"added_tokens\": [], \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}, "
                + "\"post_processor\": null, \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {" + entries
                + "}, \"unk_token\": \"t0\"}}");
        Files.writeString(folder.resolve("config.json"), "{\"bos_token_id\": 1, \"eos_token_id\": " + vocab + ", \"pad_token_id\": 0}");
        try {
            return CausalTokenizer.load(folder);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
