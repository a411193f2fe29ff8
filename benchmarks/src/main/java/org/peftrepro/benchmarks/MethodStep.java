package org.peftrepro.benchmarks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peftrepro.methods.ParameterReport;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Models;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.reproduce.engine.AdamW;
import org.peftrepro.reproduce.engine.MemoryProbe;
import org.peftrepro.reproduce.engine.ParameterGroup;
import org.peftrepro.reproduce.engine.TensorBatch;
import org.peftrepro.reproduce.engine.TrainStep;
import org.peftrepro.reproduce.family.SequenceClassification;
import org.peftrepro.datasets.Batch;

/**
 * One method on a randomly initialised classifier, ready to take training steps and inference passes on one
 * fixed random batch, through the training engine's own {@link TrainStep} (the step every table run takes): the
 * method's parameters and the task head as the two parameter groups of Table I's protocol.
 */
public final class MethodStep implements AutoCloseable {
    /** Table I's protocol: weight decay 0.01, the head at half the learning rate, no gradient clipping. */
    static final double LEARNING_RATE = 4e-4;
    static final double WEIGHT_DECAY = 0.01;
    static final double HEAD_LR_SCALE = 0.5;
    static final double MAX_GRAD_NORM = 0;
    private static final int NUM_LABELS = 2;

    private final NDManager manager;
    private final SequenceClassifier model;
    private final Adaptation adaptation;
    private final Batch batch;
    private final InputShape input;
    private final TrainStep step;
    private final MemoryProbe memory;
    private final long trainableParameters;

    private MethodStep(NDManager manager, SequenceClassifier model, Adaptation adaptation, Batch batch, InputShape input) {
        this.manager = manager;
        this.model = model;
        this.adaptation = adaptation;
        this.batch = batch;
        this.input = input;
        this.memory = new MemoryProbe(manager.getDevice());
        List<Parameter> head = model.headParameterNames().stream().map(n -> model.parameters().get(n)).toList();
        head.forEach(p -> p.freeze(false));
        List<ParameterGroup> groups = List.of(
                new ParameterGroup("method", distinct(adaptation.trainable().asMap()), 1.0, WEIGHT_DECAY),
                new ParameterGroup("head", head, HEAD_LR_SCALE, WEIGHT_DECAY));
        SequenceClassification family = new SequenceClassification();
        this.step = new TrainStep(manager, (b, context) -> family.loss(model, b, context), groups, AdamW.withDefaults(),
                1, MAX_GRAD_NORM, memory);
        this.trainableParameters = ParameterReport.of(model, adaptation, 1).trainable();
    }

    /**
     * Builds the model of {@code shape} with random weights (seeded), attaches {@code method} with its default
     * options and makes the random batch.
     */
    public static MethodStep create(PeftMethod method, ModelShape shape, InputShape input, Device device, long seed) {
        RobertaConfig config = shape.config();
        if (input.length() > shape.maxLength()) {
            throw new IllegalArgumentException("input " + input + ": " + shape.wireName() + " has positions for "
                    + shape.maxLength() + " tokens");
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Engine.getInstance().setRandomSeed((int) seed);
            SequenceClassifier model = Models.sequenceClassifier(config, NUM_LABELS);
            ModelWeights.initializeAll(model, manager, config.initializerRange());
            Adaptation adaptation = method.attach(model, method.resolve(Map.of()));
            adaptation.initialize(manager);
            Batch batch = RandomBatch.of(input, config.vocabSize(), NUM_LABELS, seed);
            return new MethodStep(manager, model, adaptation, batch, input);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Forward (training mode: dropout on), backward and one AdamW update; returns the batch loss. */
    public float trainStep() {
        float loss = step.forwardBackward(batch);
        step.update(LEARNING_RATE);
        return loss;
    }

    /** Forward in eval mode (no dropout, no gradients recorded); returns the logits' sum, to be consumed. */
    public float inferenceStep() {
        try (NDManager stepManager = manager.newSubManager()) {
            TensorBatch t = TensorBatch.of(batch, stepManager);
            NDArray logits = model.forward(t.inputIds(), t.attentionMask(), t.tokenTypeIds(), null,
                    ForwardContext.inference(t.attentionMask())).logits();
            float sum = logits.sum().getFloat();
            memory.sample();
            return sum;
        }
    }

    /** The method's trainable parameters, task head excluded (as PEFT and the papers count them). */
    public long trainableParameters() {
        return trainableParameters;
    }

    /** Bytes of AdamW's moments (method and head); 0 before the first training step creates them. */
    public long optimizerStateBytes() {
        return step.optimizerStateBytes();
    }

    /** The highest memory use sampled so far (see {@link MemoryProbe}). */
    public long peakMemoryBytes() {
        return memory.peakBytes();
    }

    public InputShape input() {
        return input;
    }

    /** The manager every step's own manager hangs from, for checks that steps leave nothing behind. */
    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        adaptation.detach();
        manager.close();
    }

    /** A parameter shared under several names is updated once. */
    private static List<Parameter> distinct(Map<String, Parameter> named) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return named.values().stream().filter(seen::add).toList();
    }
}
