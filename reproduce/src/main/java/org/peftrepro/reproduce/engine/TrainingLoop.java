package org.peftrepro.reproduce.engine;

import java.util.List;
import org.peftrepro.datasets.Batch;

/**
 * The epoch loop every training goes through: micro-batches through the {@link TrainStep}, an optimizer update
 * after every {@code accumulation} micro-batches (and after an epoch's last one), the learning rate from the
 * schedule, progress after every update. What happens between epochs (method events, evaluation) is the
 * caller's: it calls {@link #runEpoch} once per epoch.
 */
public final class TrainingLoop {
    /** Thrown when the training loss stops being a number. */
    public static final class DivergedException extends RuntimeException {
        DivergedException(String message) {
            super(message);
        }
    }

    /** Called after every optimizer update, e.g. for events scheduled in steps; may stop training early. */
    @FunctionalInterface
    public interface UpdateHook {
        UpdateHook NONE = step -> {};

        void afterUpdate(long step);
    }

    /**
     * One epoch's figures.
     *
     * @param meanLoss the mean of its micro-batch losses
     * @param seconds wall-clock time of the epoch's training
     */
    public record EpochStats(int epoch, double meanLoss, double seconds) {}

    private final TrainStep step;
    private final WarmupLinearSchedule schedule;
    private final ProgressListener progress;
    private final UpdateHook hook;
    private final StopSignal stop;
    private long updates;
    private long trainNanos;
    private long trainExamples;

    public TrainingLoop(TrainStep step, WarmupLinearSchedule schedule, ProgressListener progress, UpdateHook hook,
            StopSignal stop) {
        this.step = step;
        this.schedule = schedule;
        this.progress = progress;
        this.hook = hook;
        this.stop = stop;
    }

    /** Trains on every batch of one epoch, in the order given. */
    public EpochStats runEpoch(int epoch, List<Batch> batches) {
        long epochStart = System.nanoTime();
        double lossSum = 0;
        int micro = 0;
        for (int b = 0; b < batches.size(); b++) {
            stop.throwIfRequested();
            Batch batch = batches.get(b);
            long t0 = System.nanoTime();
            double loss = step.forwardBackward(batch);
            if (!Double.isFinite(loss)) {
                throw new DivergedException("training loss became " + loss + " at epoch " + epoch + ", step " + updates);
            }
            micro++;
            if (micro == step.accumulation() || b == batches.size() - 1) {
                double lr = schedule.lr(updates);
                step.update(lr);
                updates++;
                micro = 0;
                progress.step(epoch, updates, loss, lr);
                hook.afterUpdate(updates);
            }
            trainNanos += System.nanoTime() - t0;
            trainExamples += batch.batchSize();
            lossSum += loss;
        }
        return new EpochStats(epoch, lossSum / Math.max(1, batches.size()), (System.nanoTime() - epochStart) / 1e9);
    }

    /** Optimizer updates so far. */
    public long updates() {
        return updates;
    }

    /** Mean wall-clock time of an optimizer update (forward, backward and update of its micro-batches). */
    public double meanStepTimeMs() {
        return updates == 0 ? 0 : trainNanos / 1e6 / updates;
    }

    public double examplesPerSecond() {
        return trainExamples / Math.max(1e-9, trainNanos / 1e9);
    }

    /** Optimizer updates in an epoch of {@code batches} micro-batches. */
    public static long updatesPerEpoch(int batches, int accumulation) {
        return (long) Math.ceil(batches / (double) accumulation);
    }
}
