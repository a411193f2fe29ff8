package org.peftrepro.reproduce.table;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.peftrepro.datasets.Batch;
import org.peftrepro.datasets.EncodedExample;
import org.peftrepro.datasets.SmokeFolder;
import org.peftrepro.datasets.SmokeScale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.datasets.TextEncoder;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.hub.io.StrictJson;
import org.peftrepro.hub.io.Utf8Text;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.io.SafetensorsWriter;
import org.peftrepro.models.roberta.RobertaForMaskedLM;
import org.peftrepro.reproduce.engine.AdamW;
import org.peftrepro.reproduce.engine.CpuThreads;
import org.peftrepro.reproduce.engine.MemoryProbe;
import org.peftrepro.reproduce.engine.ParameterGroup;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.engine.TrainStep;
import org.peftrepro.reproduce.engine.TrainingLoop;
import org.peftrepro.reproduce.family.MaskedLanguageModeling;
import org.peftrepro.reproduce.engine.WarmupLinearSchedule;

/**
 * What the smoke scale runs on, made once and cached: the synthetic GLUE-shaped tasks, and a tiny
 * RoBERTa-shaped model briefly pretrained with masked-LM on the smoke corpus (adapting a random model
 * says little about adaptation methods). The model folder is an ordinary HF checkpoint folder.
 */
public final class SmokeAssets {
    /** Tiny but deep enough for merges and injections: 6 layers, hidden 64. */
    static final int LAYERS = 6;
    static final int HIDDEN = 64;
    static final int HEADS = 4;
    static final int FFN = 128;
    static final int MAX_LENGTH = 64;
    static final int PRETRAIN_STEPS = 1000;
    static final int PRETRAIN_BATCH = 32;
    private static final int MASK_ID = 4;
    private static final int PAD_ID = 1;
    /** Ids below it are the smoke tokenizer's special tokens. */
    private static final int FIRST_WORD_ID = 5;

    /** A GLUE folder in the TSV layout and a checkpoint folder. */
    public record Assets(Path dataFolder, Path modelFolder) {}

    /**
     * How the assets are made: the seed of the data and of the pretraining, and how many masked-LM steps the
     * model takes. Both are in the folder names, so assets made another way are never reused.
     */
    public record Recipe(long seed, int pretrainSteps) {
        public Recipe {
            if (pretrainSteps < 1) {
                throw new IllegalArgumentException("pretraining needs at least one step, got " + pretrainSteps);
            }
        }

        /** The smoke scale's recipe: {@value SmokeAssets#PRETRAIN_STEPS} steps. */
        public static Recipe standard(long seed) {
            return new Recipe(seed, PRETRAIN_STEPS);
        }
    }

    private SmokeAssets() {}

    /**
     * The smoke data and model under {@code cache}, made when missing. Made under a lock on {@code cache/.lock}:
     * a second process asking for them at the same time waits for the first and uses what it made; leftovers of
     * a build that was killed (hidden {@code .*.tmp} folders beside the assets) are removed first.
     */
    public static Assets prepare(Path cache, Recipe recipe, ProgressListener progress, StopSignal stop)
            throws IOException {
        Files.createDirectories(cache);
        try (FileChannel channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lock(channel, cache, progress)) {
            removeLeftovers(cache);
            return prepareLocked(cache, recipe, progress, stop);
        }
    }

    private static FileLock lock(FileChannel channel, Path cache, ProgressListener progress) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock != null) {
            return lock;
        }
        progress.message("waiting for another process that is making the smoke assets in " + cache);
        return channel.lock();
    }

    private static void removeLeftovers(Path cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)).toList()) {
                AtomicFiles.deleteRecursively(p);
            }
        }
    }

    private static Assets prepareLocked(Path cache, Recipe recipe, ProgressListener progress, StopSignal stop)
            throws IOException {
        long seed = recipe.seed();
        Path data = cache.resolve("smoke-data-seed" + seed);
        SmokeFolder smoke;
        if (Files.isRegularFile(data.resolve("tokenizer.json"))) {
            smoke = new SmokeFolder(data, data.resolve("tokenizer.json"), data.resolve("corpus.txt"), -1);
        } else {
            progress.message("generating the smoke tasks in " + data);
            smoke = SmokeTasks.generate(data, seed, SmokeScale.DEFAULT);
        }
        // The recipe is in the name: a changed recipe never reuses a model made by another. The CPU thread
        // count belongs to it: libtorch splits sums per thread, so another count pretrains other bits.
        int threads = CpuThreads.current();
        Path model = cache.resolve("smoke-model-seed" + seed + "-mlm" + recipe.pretrainSteps() + "-cpu" + threads + "t");
        if (!Files.isRegularFile(model.resolve("model.safetensors"))) {
            progress.message("pretraining the tiny smoke model (masked LM, " + recipe.pretrainSteps() + " steps, CPU, "
                    + threads + " threads) into " + model);
            pretrain(smoke, model, recipe, progress, stop);
        }
        return new Assets(data, model);
    }

    static RobertaConfig config(int vocabSize) {
        return new RobertaConfig(vocabSize, HIDDEN, LAYERS, HEADS, FFN, "gelu", 0.1, 0.1, MAX_LENGTH + PAD_ID + 1, 1,
                1e-5, PAD_ID, 0.02, 2, null, List.of("LABEL_0", "LABEL_1"), List.of("RobertaForMaskedLM"));
    }

    private static void pretrain(SmokeFolder smoke, Path target, Recipe recipe, ProgressListener progress,
            StopSignal stop) throws IOException {
        long seed = recipe.seed();
        int steps = recipe.pretrainSteps();
        Engine.getInstance().setRandomSeed((int) seed);
        List<String> lines = Utf8Text.read(smoke.corpus()).lines().filter(l -> !l.isBlank()).toList();
        try (TextEncoder encoder = TextEncoder.load(smoke.tokenizer(), MAX_LENGTH);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) { // CPU even beside a GPU: small, and repeatable
            List<EncodedExample> corpus = lines.stream().map(l -> encoder.encode(l, null)).toList();
            int vocab = vocabularySize(smoke.tokenizer());
            RobertaForMaskedLM model = new RobertaForMaskedLM(config(vocab));
            ModelWeights.initializeAll(model, manager, 0.02);
            List<Parameter> params = distinct(model.parameters().asMap().values());
            params.forEach(p -> p.freeze(false));
            List<ParameterGroup> groups = List.of(new ParameterGroup("all", params, 1.0, 0.01));
            List<Batch> batches = MaskedLanguageModeling.maskedBatches(corpus, steps, PRETRAIN_BATCH,
                    new Random(seed), vocab, MASK_ID, PAD_ID, FIRST_WORD_ID);
            TrainStep step = new TrainStep(manager, MaskedLanguageModeling.objective(model), groups, AdamW.withDefaults(),
                    1, 1.0, new MemoryProbe(Device.cpu()));
            WarmupLinearSchedule schedule = WarmupLinearSchedule.withRatio(2e-3, 0.06, steps);
            progress.stageStarted("smoke model pretraining", steps);
            try {
                new TrainingLoop(step, schedule, progress, TrainingLoop.UpdateHook.NONE, stop).runEpoch(1, batches);
            } finally {
                progress.stageFinished();
            }
            write(model, smoke.tokenizer(), target, steps);
        }
    }

    /** config.json + model.safetensors + tokenizer.json, all in place at once (or, after a failure, none). */
    private static void write(RobertaForMaskedLM model, Path tokenizer, Path target, int steps) throws IOException {
        AtomicFiles.replaceFolder(target, "config.json", folder -> {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            model.parameters().asMap().forEach((name, p) -> {
                if (seen.add(p)) {
                    tensors.put(name, p.getArray());
                }
            });
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
            Files.copy(tokenizer, folder.resolve("tokenizer.json"));
            Files.writeString(folder.resolve("config.json"), configJson(model.config()));
            Files.writeString(folder.resolve("README.txt"), SmokeTasks.README_FIRST_LINE + "\n"
                    + "A tiny RoBERTa-shaped model, pretrained for " + steps
                    + " masked-LM steps on the smoke corpus, for the smoke scale of the suite's tables.\n");
        });
    }

    static String configJson(RobertaConfig c) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("architectures", c.architectures());
        json.put("model_type", "roberta");
        json.put("vocab_size", c.vocabSize());
        json.put("hidden_size", c.hiddenSize());
        json.put("num_hidden_layers", c.numHiddenLayers());
        json.put("num_attention_heads", c.numAttentionHeads());
        json.put("intermediate_size", c.intermediateSize());
        json.put("hidden_act", c.hiddenAct());
        json.put("hidden_dropout_prob", c.hiddenDropoutProb());
        json.put("attention_probs_dropout_prob", c.attentionProbsDropoutProb());
        json.put("max_position_embeddings", c.maxPositionEmbeddings());
        json.put("type_vocab_size", c.typeVocabSize());
        json.put("layer_norm_eps", c.layerNormEps());
        json.put("pad_token_id", c.padTokenId());
        json.put("bos_token_id", 0);
        json.put("eos_token_id", 2);
        json.put("initializer_range", c.initializerRange());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    }

    /** Size of the tokenizer's vocabulary (model.vocab plus added tokens beyond it). */
    static int vocabularySize(Path tokenizer) throws IOException {
        var root = StrictJson.read(tokenizer);
        int max = -1;
        for (var it = root.path("model").path("vocab").fields(); it.hasNext(); ) {
            max = Math.max(max, it.next().getValue().asInt());
        }
        for (var added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        return max + 1;
    }

    private static List<Parameter> distinct(Iterable<Parameter> params) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> result = new ArrayList<>();
        for (Parameter p : params) {
            if (seen.add(p)) {
                result.add(p);
            }
        }
        return result;
    }

}
