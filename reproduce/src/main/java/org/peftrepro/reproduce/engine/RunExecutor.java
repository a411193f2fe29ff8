package org.peftrepro.reproduce.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peftrepro.methods.ParameterReport;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.HalfPrecision;
import org.peftrepro.reports.EpochResult;
import org.peftrepro.reports.RunRecord;

/**
 * Runs one {@link RunConfig}, in stages that read in the order they happen: prepare the data, build the model,
 * attach the method (everything else frozen), train (evaluating at the end of every epoch, after the method's
 * events), record. The task family says what a batch, a loss and an evaluation are; the rest is the same for
 * every family. Whatever goes wrong in a run (diverged loss, bad data, out of memory) becomes a failed record
 * with a one-line reason; a stop request (Ctrl-C) ends the run unrecorded, to be run again next time.
 */
public final class RunExecutor {
    private final MethodRegistry registry;
    private final Map<String, TaskFamily<?, ?>> families = new LinkedHashMap<>();
    private final StopSignal stop;

    public RunExecutor(MethodRegistry registry, List<TaskFamily<?, ?>> families, StopSignal stop) {
        this.registry = registry;
        families.forEach(f -> this.families.put(f.name(), f));
        this.stop = stop;
    }

    public RunRecord execute(RunConfig config, ProgressListener progress) {
        RunRecord.Builder record = RunRecord.builder(config.runId())
                .table(config.table()).task(config.task().name()).method(config.method().name())
                .methodOptions(new LinkedHashMap<>(config.method().options())).seed(config.seed())
                .scale(config.scale()).fidelity(config.fidelity())
                .model(config.model().id(), config.model().revision())
                .data(config.data().id(), config.data().revision()).syntheticData(config.data().synthetic())
                .device(config.device().toString()).config(recordedConfig(config)).versions(Provenance.versions())
                .gitCommit(Provenance.gitCommit()).workingTreeModified(Provenance.workingTreeModified())
                .startedAt(Instant.now());
        try {
            run(family(config), config, record, progress);
        } catch (StopSignal.StopRequestedException e) {
            throw e;
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            String reason = FailureReasons.oneLine(e);
            progress.message(config.runId() + " failed: " + reason);
            record.failed(reason);
        } finally {
            progress.runFinished();
        }
        return record.finishedAt(Instant.now()).build();
    }

    private TaskFamily<?, ?> family(RunConfig config) {
        TaskFamily<?, ?> family = families.get(config.task().family());
        if (family == null) {
            throw new IllegalArgumentException("no task family named " + config.task().family() + " (known: "
                    + String.join(", ", families.keySet()) + ")");
        }
        return family;
    }

    private <M extends Backbone, D extends TaskData> void run(TaskFamily<M, D> family, RunConfig config,
            RunRecord.Builder record, ProgressListener progress) throws IOException {
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (D data = family.prepare(config, progress);
                NDManager manager = NDManager.newBaseManager(config.device())) {
            M model = family.loadModel(config, manager, progress);
            AttachedMethod method = attachMethod(config, model, manager, progress);
            record.trainableParamsAtStart(method.report.trainable() + method.report.head())
                    .headParams(method.report.head());
            train(family, config, data, model, method, manager, record, progress);
            method.adaptation.detach();
        }
    }

    /** The method on its sites, initialised; the task head trainable; frozen matrices halved if asked. */
    private AttachedMethod attachMethod(RunConfig config, Backbone model, NDManager manager, ProgressListener progress) {
        PeftMethod method = registry.get(config.method().name());
        Adaptation adaptation = method.attach(model, method.resolve(config.method().options()));
        adaptation.initialize(manager);
        List<Parameter> head = model.headParameterNames().stream().map(n -> model.parameters().get(n)).toList();
        head.forEach(p -> p.freeze(false));
        if (config.dtype() == BackboneDtype.FLOAT16) {
            Set<Parameter> trained = Collections.newSetFromMap(new IdentityHashMap<>());
            trained.addAll(adaptation.trainable().asMap().values());
            trained.addAll(head);
            long halved = HalfPrecision.halveFrozenWeights(model, trained, manager);
            progress.message(config.runId() + ": " + halved + " frozen weights kept in float16");
        }
        return new AttachedMethod(adaptation, head,
                ParameterReport.of(model, adaptation, config.hyperparameters().epochs()));
    }

    private record AttachedMethod(Adaptation adaptation, List<Parameter> head, ParameterReport report) {
        /** AdamW's groups: the method's parameters (each once) and the task head, at the protocol's rates. */
        List<ParameterGroup> groups(Hyperparameters hp) {
            Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Parameter> methodParams = adaptation.trainable().asMap().values().stream().filter(seen::add).toList();
            return List.of(new ParameterGroup("method", methodParams, 1.0, hp.weightDecay()),
                    new ParameterGroup("head", head, hp.headLrScale(), hp.weightDecay()));
        }
    }

    /** Every epoch: train, the method's events, evaluation; the best epoch by the primary metric is reported. */
    private <M extends Backbone, D extends TaskData> void train(TaskFamily<M, D> family, RunConfig config, D data,
            M model, AttachedMethod method, NDManager manager, RunRecord.Builder record, ProgressListener progress) {
        Hyperparameters hp = config.hyperparameters();
        long updatesPerEpoch = TrainingLoop.updatesPerEpoch(data.batchesPerEpoch(), hp.gradientAccumulation());
        WarmupLinearSchedule schedule = WarmupLinearSchedule.withRatio(hp.lr(), hp.warmupRatio(),
                updatesPerEpoch * hp.epochs());
        TrainStep step = new TrainStep(manager, (batch, context) -> family.loss(model, batch, context),
                method.groups(hp), AdamW.withDefaults(), hp.gradientAccumulation(), hp.maxGradNorm(),
                new MemoryProbe(config.device()));
        TrainingLoop loop = new TrainingLoop(step, schedule, progress, TrainingLoop.UpdateHook.NONE, stop);
        TaskFamily.MetricGoal goal = family.primaryMetric(config);
        progress.runStarted(config, schedule.totalSteps());

        double best = goal.worst();
        for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            TrainingLoop.EpochStats stats = loop.runEpoch(epoch, data.trainingBatches(epoch));
            List<String> events = method.adaptation.onEpochEnd(epoch, hp.epochs(), manager);
            if (!events.isEmpty()) {
                step.regroup(method.groups(hp));
            }
            Map<String, Double> metrics = family.evaluate(model, data, manager);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            record.addEpoch(new EpochResult(epoch, stats.meanLoss(), metrics, seconds));
            double value = metrics.get(goal.key());
            if (goal.improves(value, best)) {
                best = value;
                record.bestEpoch(epoch).bestMetrics(metrics);
            }
            progress.epochFinished(epoch, goal.key(), value, events);
        }
        record.primaryMetric(goal.key())
                .trainableParamsAtEnd(method.adaptation.trainable().count() + method.report.head())
                .meanStepTimeMs(loop.meanStepTimeMs())
                .examplesPerSecond(loop.examplesPerSecond())
                .peakMemoryBytes(step.peakMemoryBytes());
    }

    /** The run's identity, and where its checkpoint and data were read from. */
    private static Map<String, Object> recordedConfig(RunConfig config) {
        Map<String, Object> c = new LinkedHashMap<>(config.identity());
        c.put("cpuThreads", config.cpuThreads());
        c.put("modelFolder", config.model().folder().toString());
        c.put("dataFolder", config.data().folder().toString());
        c.put("settings", config.settings());
        return c;
    }
}
