package org.peftrepro.reproduce.engine;

/**
 * HF's {@code get_linear_schedule_with_warmup}: the learning rate rises linearly from 0 over the warmup
 * steps, then falls linearly to 0 at the last step. Step 0 is the first optimizer step (lr 0 when there
 * is warmup, as in HF's Trainer).
 */
public record WarmupLinearSchedule(double baseLr, long warmupSteps, long totalSteps) {

    public static WarmupLinearSchedule withRatio(double baseLr, double warmupRatio, long totalSteps) {
        return new WarmupLinearSchedule(baseLr, (long) Math.ceil(warmupRatio * totalSteps), totalSteps);
    }

    public double lr(long step) {
        if (step < warmupSteps) {
            return baseLr * step / Math.max(1, warmupSteps);
        }
        return baseLr * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }
}
