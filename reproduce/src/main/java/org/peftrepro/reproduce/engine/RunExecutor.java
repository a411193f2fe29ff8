package org.peftrepro.reproduce.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.peftrepro.datasets.Batch;
import org.peftrepro.datasets.Batcher;
import org.peftrepro.datasets.EncodedExample;
import org.peftrepro.datasets.Example;
import org.peftrepro.datasets.GlueData;
import org.peftrepro.datasets.GlueSplit;
import org.peftrepro.datasets.TextEncoder;
import org.peftrepro.methods.ParameterReport;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.nn.HalfPrecision;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.reports.DataRef;
import org.peftrepro.reports.EpochResult;
import org.peftrepro.reports.ModelRef;
import org.peftrepro.reports.RunRecord;

/**
 * Trains and evaluates one {@link RunSpec}: the checkpoint with a head for the task, the method attached and
 * everything else frozen, AdamW with the method and the head as parameter groups, warmup then linear decay,
 * evaluation on the dev set(s) after every epoch (after the method's events), the best epoch reported as both
 * papers do. Every batch runs in its own NDManager, so memory stays flat over a long run. Whatever goes wrong
 * (diverged loss, bad data, out of memory) becomes a failed record with its reason.
 */
public final class RunExecutor {
    private final MethodRegistry registry;

    public RunExecutor(MethodRegistry registry) {
        this.registry = registry;
    }

    /** Thrown when the training loss stops being a number. */
    static final class DivergedException extends RuntimeException {
        DivergedException(String message) {
            super(message);
        }
    }

    public RunRecord execute(RunSpec spec, ProgressListener progress) {
        Instant started = Instant.now();
        RunRecord.Builder record = RunRecord.builder(spec.runId())
                .table(spec.table()).task(spec.task().hubConfig()).method(spec.method())
                .methodOptions(new LinkedHashMap<>(spec.methodOptions())).seed(spec.seed()).scale(spec.scale())
                .fidelity(spec.fidelity()).model(spec.modelId(), null).data(spec.dataSource(), null)
                .syntheticData(spec.syntheticData()).device(spec.device().toString())
                .config(config(spec)).versions(Provenance.versions()).gitCommit(Provenance.gitCommit())
                .startedAt(started);
        try {
            train(spec, record, progress);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            progress.message(spec.runId() + " failed: " + reason);
            record.failed(reason);
        } finally {
            progress.runFinished();
        }
        return record.finishedAt(Instant.now()).build();
    }

    private void train(RunSpec spec, RunRecord.Builder record, ProgressListener progress) throws IOException {
        Hyperparameters hp = spec.hyperparameters();
        Engine.getInstance().setRandomSeed((int) spec.seed());
        GlueData data = GlueData.load(spec.dataFolder(), spec.task());
        List<Example> train = subsample(data.train().examples(), hp.maxTrainExamples(), spec.seed());
        try (NDManager manager = NDManager.newBaseManager(spec.device());
                TextEncoder encoder = TextEncoder.load(spec.modelFolder().resolve("tokenizer.json"), hp.maxLength())) {
            List<EncodedExample> trainEncoded = encoder.encodeAll(train);
            List<List<EncodedExample>> devEncoded = new ArrayList<>();
            List<GlueSplit> devSplits = new ArrayList<>();
            for (GlueSplit split : data.dev()) {
                List<Example> examples = subsample(split.examples(), hp.maxDevExamples(), spec.seed());
                GlueSplit used = new GlueSplit(split.name(), examples, split.files(), split.skippedRows());
                devSplits.add(used);
                devEncoded.add(encoder.encodeAll(examples));
            }

            PretrainedModel loaded = PretrainedModel.loadClassifier(spec.modelFolder(), spec.task().numLabels(), manager);
            if (!loaded.report().initialized().isEmpty()) {
                progress.message(spec.runId() + ": " + loaded.report().summary());
            }
            SequenceClassifier model = (SequenceClassifier) loaded.model();
            PeftMethod method = registry.get(spec.method());
            Adaptation adaptation = method.attach(model, method.resolve(spec.methodOptions()));
            adaptation.initialize(manager);
            List<Parameter> head = model.headParameterNames().stream().map(n -> model.parameters().get(n)).toList();
            head.forEach(p -> p.freeze(false));
            if (spec.backboneFloat16()) {
                Set<Parameter> trained = Collections.newSetFromMap(new IdentityHashMap<>());
                trained.addAll(adaptation.trainable().asMap().values());
                trained.addAll(head);
                long halved = HalfPrecision.halveFrozenWeights(model, trained, manager);
                progress.message(spec.runId() + ": " + halved + " frozen weights kept in float16");
            }
            ParameterReport params = ParameterReport.of(model, adaptation, hp.epochs());
            record.trainableParamsAtStart(params.trainable() + params.head()).headParams(params.head());

            Batcher batcher = new Batcher(hp.batchSize(), encoder.padId(), hp.maxLength(),
                    hp.padToCap() ? Batcher.Padding.MAX_LENGTH : Batcher.Padding.LONGEST);
            long stepsPerEpoch = (long) Math.ceil(Math.ceil(trainEncoded.size() / (double) hp.batchSize()) / hp.gradientAccumulation());
            WarmupLinearSchedule schedule = WarmupLinearSchedule.withRatio(hp.lr(), hp.warmupRatio(), stepsPerEpoch * hp.epochs());
            AdamW optimizer = AdamW.withDefaults();
            List<ParameterGroup> groups = groups(adaptation, head, hp);
            MemoryProbe memory = new MemoryProbe(spec.device());
            progress.runStarted(spec, schedule.totalSteps());

            long step = 0;
            long trainNanos = 0;
            long trainExamples = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            String primaryKey = spec.task().primaryMetric().key();
            for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = 0;
                int batches = 0;
                int micro = 0;
                List<Batch> epochBatches = batcher.trainingBatches(trainEncoded, spec.seed(), epoch);
                for (int b = 0; b < epochBatches.size(); b++) {
                    Batch batch = epochBatches.get(b);
                    long t0 = System.nanoTime();
                    double loss = forwardBackward(model, batch, manager, hp.gradientAccumulation());
                    if (!Double.isFinite(loss)) {
                        throw new DivergedException("training loss became " + loss + " at epoch " + epoch + ", step " + step);
                    }
                    micro++;
                    if (micro == hp.gradientAccumulation() || b == epochBatches.size() - 1) {
                        memory.sample();
                        double lr = schedule.lr(step);
                        optimizer.step(groups, lr, hp.maxGradNorm());
                        step++;
                        micro = 0;
                        progress.step(epoch, step, loss, lr);
                    }
                    trainNanos += System.nanoTime() - t0;
                    trainExamples += batch.batchSize();
                    lossSum += loss;
                    batches++;
                }
                List<String> events = adaptation.onEpochEnd(epoch, hp.epochs(), manager);
                if (!events.isEmpty()) {
                    groups = groups(adaptation, head, hp);
                    optimizer.retainOnly(parametersOf(groups));
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (int i = 0; i < devSplits.size(); i++) {
                    String suffix = i == 0 ? "" : "_" + devSplits.get(i).name().replace("validation_", "").replace("dev_", "");
                    metrics.putAll(Evaluator.evaluate(model, spec.task(), devSplits.get(i), devEncoded.get(i), batcher, manager, suffix));
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                record.addEpoch(new EpochResult(epoch, lossSum / Math.max(1, batches), metrics, seconds));
                double value = metrics.get(primaryKey);
                if (value > bestValue) {
                    bestValue = value;
                    record.bestEpoch(epoch).bestMetrics(metrics);
                }
                progress.epochFinished(epoch, value, events);
            }
            record.primaryMetric(primaryKey)
                    .trainableParamsAtEnd(adaptation.trainable().count() + params.head())
                    .meanStepTimeMs(step == 0 ? 0 : trainNanos / 1e6 / step)
                    .examplesPerSecond(trainExamples / Math.max(1e-9, trainNanos / 1e9))
                    .peakMemoryBytes(memory.peakBytes());
            adaptation.detach();
        }
    }

    /** Forward and backward of one batch in its own manager; returns the (unscaled) batch loss. */
    static double forwardBackward(SequenceClassifier model, Batch batch, NDManager manager, int accumulation) {
        try (NDManager batchManager = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            TensorBatch t = TensorBatch.of(batch, batchManager);
            NDArray loss = model.forward(t.inputIds(), t.attentionMask(), t.tokenTypeIds(), t.labels(),
                    new ForwardContext(true, t.attentionMask())).loss();
            collector.backward(accumulation == 1 ? loss : Scalars.div(loss, accumulation));
            return loss.getFloat();
        }
    }

    private static List<ParameterGroup> groups(Adaptation adaptation, List<Parameter> head, Hyperparameters hp) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> methodParams = adaptation.trainable().asMap().values().stream().filter(seen::add).toList();
        return List.of(new ParameterGroup("method", methodParams, 1.0, hp.weightDecay()),
                new ParameterGroup("head", head, hp.headLrScale(), hp.weightDecay()));
    }

    private static Set<Parameter> parametersOf(List<ParameterGroup> groups) {
        Set<Parameter> all = Collections.newSetFromMap(new IdentityHashMap<>());
        groups.forEach(g -> all.addAll(g.parameters()));
        return all;
    }

    /** The first {@code max} examples of a seeded shuffle (all when max is 0 or more than there are). */
    static List<Example> subsample(List<Example> examples, int max, long seed) {
        if (max <= 0 || examples.size() <= max) {
            return examples;
        }
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, max));
    }

    private static Map<String, Object> config(RunSpec spec) {
        Map<String, Object> c = new LinkedHashMap<>();
        Hyperparameters hp = spec.hyperparameters();
        c.put("epochs", hp.epochs());
        c.put("batchSize", hp.batchSize());
        c.put("maxLength", hp.maxLength());
        c.put("lr", hp.lr());
        c.put("headLrScale", hp.headLrScale());
        c.put("weightDecay", hp.weightDecay());
        c.put("warmupRatio", hp.warmupRatio());
        c.put("padToCap", hp.padToCap());
        c.put("maxGradNorm", hp.maxGradNorm());
        c.put("gradientAccumulation", hp.gradientAccumulation());
        c.put("maxTrainExamples", hp.maxTrainExamples());
        c.put("maxDevExamples", hp.maxDevExamples());
        c.put("backboneDtype", spec.backboneFloat16() ? "float16" : "float32");
        c.put("modelFolder", spec.modelFolder().toString());
        c.put("dataFolder", spec.dataFolder().toString());
        c.put("cpuThreads", CpuThreads.current()); // CPU numbers repeat exactly only at the same count
        return c;
    }
}
