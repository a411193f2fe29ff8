package org.peftrepro.reproduce.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.peftrepro.datasets.Batch;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;

/**
 * One training step, and the only place the suite runs a backward pass: table runs, the smoke model's
 * pretraining and the JMH benchmarks all train through it.
 *
 * <p>A step is one or more micro-batches ({@link #forwardBackward}), each in an NDManager of its own that is
 * closed when its backward pass is done, so memory stays flat over a long run; gradients add up across
 * micro-batches (each loss divided by the accumulation count), and {@link #update} applies AdamW to the parameter
 * groups and zeroes them. The update runs outside the micro-batch managers: the optimizer's state outlives them.
 */
public final class TrainStep {
    /**
     * Something that looks at a step while it runs (memory in use, gradient norms): after each micro-batch's
     * backward pass, while its activations and gradients are alive, and before each update, while the gathered
     * gradients are.
     */
    public interface Observer {
        default void afterBackward() {}

        default void beforeUpdate(List<ParameterGroup> groups) {}
    }

    private final NDManager manager;
    private final TrainingObjective objective;
    private final AdamW optimizer;
    private final int accumulation;
    private final double maxGradNorm;
    private final MemoryProbe memory;
    private final List<Observer> observers;
    private List<ParameterGroup> groups;

    /**
     * @param manager the model's manager; every micro-batch gets a sub-manager of it
     * @param objective the loss of a batch in training mode
     * @param accumulation micro-batches per optimizer update
     * @param maxGradNorm global-norm clip; 0: none
     * @param memory sampled after every backward pass, while the step's activations and gradients are alive
     * @param observers more observers of every step, in order after the memory probe
     */
    public TrainStep(NDManager manager, TrainingObjective objective, List<ParameterGroup> groups, AdamW optimizer,
            int accumulation, double maxGradNorm, MemoryProbe memory, Observer... observers) {
        if (accumulation < 1) {
            throw new IllegalArgumentException("gradient accumulation must be 1 or more, got " + accumulation);
        }
        this.manager = manager;
        this.objective = objective;
        this.groups = List.copyOf(groups);
        this.optimizer = optimizer;
        this.accumulation = accumulation;
        this.maxGradNorm = maxGradNorm;
        this.memory = memory;
        this.observers = new java.util.ArrayList<>(List.of(memory));
        this.observers.addAll(List.of(observers));
    }

    /**
     * Forward (training mode: dropout on) and backward of one micro-batch; the gradients add to those of the
     * earlier micro-batches of this step.
     *
     * @return the batch's loss, before the division by the accumulation count
     */
    public float forwardBackward(Batch batch) {
        try (NDManager stepManager = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            TensorBatch tensors = TensorBatch.of(batch, stepManager);
            NDArray loss = objective.loss(tensors, new ForwardContext(true, tensors.attentionMask()));
            collector.backward(accumulation == 1 ? loss : Scalars.div(loss, accumulation));
            float value = loss.getFloat();
            observers.forEach(Observer::afterBackward);
            return value;
        }
    }

    /**
     * Updates every parameter of the groups with the gradients gathered since the last update, then zeroes them.
     *
     * @return the global gradient norm before clipping, or NaN when not clipping
     */
    public double update(double lr) {
        observers.forEach(o -> o.beforeUpdate(groups));
        return optimizer.step(groups, lr, maxGradNorm);
    }

    public int accumulation() {
        return accumulation;
    }

    /** New groups after the trained set changed (a merge, an injection); moments of dropped parameters go. */
    public void regroup(List<ParameterGroup> newGroups) {
        groups = List.copyOf(newGroups);
        Set<Parameter> all = Collections.newSetFromMap(new IdentityHashMap<>());
        groups.forEach(g -> all.addAll(g.parameters()));
        optimizer.retainOnly(all);
    }

    /** Bytes held by the optimizer's moments. */
    public long optimizerStateBytes() {
        return optimizer.stateBytes();
    }

    /** The highest memory use sampled so far. */
    public long peakMemoryBytes() {
        return memory.peakBytes();
    }
}
