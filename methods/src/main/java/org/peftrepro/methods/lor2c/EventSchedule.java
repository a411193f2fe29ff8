package org.peftrepro.methods.lor2c;

/**
 * When merges or injections happen, as the official GLUE code schedules them: at the end of epoch
 * e >= 1 with e % interval == 0, one event each time until {@code count} are done, with
 * interval = floor(E / 4 / count) + 1, so every event falls in the first quarter of training
 * (30 epochs, 4 merges: after epochs 2, 4, 6, 8).
 */
public record EventSchedule(int count, int interval) {

    public static EventSchedule of(int count, int totalEpochs) {
        int interval = count == 0 ? Integer.MAX_VALUE : (int) Math.floor(totalEpochs / 4.0 / count) + 1;
        return new EventSchedule(count, interval);
    }

    /** Whether an event fires at the end of {@code epoch} when {@code done} have already happened. */
    public boolean firesAfter(int epoch, int done) {
        return count > 0 && done < count && epoch >= 1 && epoch % interval == 0;
    }

    /** How many events happen in a run of {@code totalEpochs} epochs. */
    public int eventsWithin(int totalEpochs) {
        int done = 0;
        for (int e = 1; e <= totalEpochs; e++) {
            if (firesAfter(e, done)) {
                done++;
            }
        }
        return done;
    }
}
