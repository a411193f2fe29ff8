package org.peftrepro.reproduce.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.RunConfig;
import org.peftrepro.reproduce.engine.RunExecutor;
import org.peftrepro.reproduce.engine.StopSignal;

/**
 * Carries out a table's plan against its results folder: a run with a finished record is skipped; a run recorded
 * as failed is run again (its earlier reasons kept in the new record's history), unless asked to keep failures;
 * every other run is run and its record written atomically. Only the planned runs' records come back: records of
 * other settings in the same folder never reach the table.
 */
public final class TableRunner {
    /**
     * What a table run ended with.
     *
     * @param records the planned runs' records, in plan order
     * @param failed how many of them are failed
     */
    public record Outcome(List<RunRecord> records, long failed, Path runsFolder) {
        public boolean allSucceeded() {
            return failed == 0;
        }

        /** One line for the console when some runs failed. */
        public String failureSummary() {
            return failed + " of " + records.size() + " runs failed; each record's failureReason says why ("
                    + runsFolder + "/<run id>.json). Run the table again to retry them.";
        }
    }

    private final RunStore store;
    private final RunExecutor executor;
    private final boolean retryFailed;

    public TableRunner(Path out, RunExecutor executor, boolean retryFailed) {
        this.store = new RunStore(out.resolve("runs"));
        this.executor = executor;
        this.retryFailed = retryFailed;
    }

    public Outcome runAll(List<RunConfig> plan, ProgressListener progress) throws IOException {
        List<RunRecord> records = new ArrayList<>();
        int done = 0;
        for (RunConfig config : plan) {
            done++;
            String prefix = String.format("[%d/%d] ", done, plan.size());
            String runId = config.runId();
            Optional<RunRecord> earlier = store.find(runId);
            if (earlier.isPresent() && (earlier.get().succeeded() || !retryFailed)) {
                progress.message(prefix + runId + (earlier.get().succeeded() ? ": recorded, skipped"
                        : ": recorded as failed, kept (--no-retry-failed)"));
                records.add(earlier.get());
                continue;
            }
            if (earlier.isPresent()) {
                progress.message(prefix + runId + ": recorded as failed (" + earlier.get().failureReason() + "), run again");
            }
            RunRecord record;
            try {
                record = executor.execute(config, progress);
            } catch (StopSignal.StopRequestedException e) {
                throw new StopSignal.StopRequestedException(e.getMessage() + " before " + runId + " finished: "
                        + (done - 1) + " of " + plan.size() + " runs are recorded in " + store.folder()
                        + "; run the same command again to go on from there");
            }
            if (earlier.isPresent()) {
                record = withHistory(record, earlier.get());
            }
            store.write(record);
            records.add(record);
            progress.message(prefix + describe(record));
        }
        long failed = records.stream().filter(r -> !r.succeeded()).count();
        return new Outcome(records, failed, store.folder());
    }

    /** The new record keeps every earlier failure's reason, oldest first. */
    private static RunRecord withHistory(RunRecord record, RunRecord earlier) {
        List<String> history = new ArrayList<>(earlier.failureHistory());
        history.add(earlier.finishedAt() + ": " + earlier.failureReason());
        return record.toBuilder().failureHistory(history).build();
    }

    private static String describe(RunRecord r) {
        if (!r.succeeded()) {
            return r.runId() + ": FAILED (" + r.failureReason() + ")";
        }
        return String.format("%s: %s %.4f at epoch %d", r.runId(), r.primaryMetric(), r.bestMetrics().get(r.primaryMetric()),
                r.bestEpoch());
    }
}
