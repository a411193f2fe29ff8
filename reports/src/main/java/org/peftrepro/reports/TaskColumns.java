package org.peftrepro.reports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.peftrepro.datasets.GlueTask;

/**
 * The GLUE tasks in the column order of the LoR2C paper's tables (the tasks themselves are the
 * datasets module's).
 */
public final class TaskColumns {
    public static final List<GlueTask> ORDER =
            List.of(
                    GlueTask.MNLI,
                    GlueTask.SST2,
                    GlueTask.MRPC,
                    GlueTask.COLA,
                    GlueTask.QNLI,
                    GlueTask.QQP,
                    GlueTask.RTE,
                    GlueTask.STSB);

    private TaskColumns() {}

    /** Column position of a task. */
    public static int indexOf(GlueTask task) {
        return ORDER.indexOf(task);
    }

    /**
     * The task named by a short name or a header, ignoring case and dashes ({@code sst2}, {@code
     * SST-2}).
     */
    public static Optional<GlueTask> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.replace("-", "").toLowerCase(Locale.ROOT);
        return ORDER.stream().filter(t -> t.hubConfig().equals(key)).findFirst();
    }
}
