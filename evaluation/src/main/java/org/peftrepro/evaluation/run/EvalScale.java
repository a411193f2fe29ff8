package org.peftrepro.evaluation.run;

import java.util.Locale;
import org.peftrepro.evaluation.tasks.WireNames;

/**
 * How much of the benchmarks an evaluation runs.
 * <ul>
 *   <li>{@code smoke}: the suite's synthetic benchmarks, offline, new tokens capped at {@link #SMOKE_NEW_TOKENS};
 *   <li>{@code quick}: the real benchmarks, the first {@link #QUICK_LIMIT} items of each subject or task;
 *   <li>{@code paper}: the real benchmarks in full.
 * </ul>
 */
public enum EvalScale {
    SMOKE, QUICK, PAPER;

    /** At smoke scale no answer needs more: a model that has not stopped by then will not be right. */
    public static final int SMOKE_NEW_TOKENS = 96;
    public static final int QUICK_LIMIT = 20;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EvalScale parse(String name) {
        return WireNames.parse(values(), EvalScale::wireName, name, "scale");
    }
}
