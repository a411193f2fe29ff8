package org.peftrepro.reports;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words around a report's numbers: its title, the synthetic-data warning and the legends of its
 * tables.
 */
public final class ReportHeading {

    /** Shown wherever numbers are shown when any counted run used generated data. */
    public static final String SYNTHETIC_WARNING =
            "synthetic smoke data: not comparable to the paper";

    public static final String RESULTS_LEGEND =
            "Primary metric × 100 on the dev set (Matthews correlation for CoLA, Pearson for STS-B, accuracy otherwise),"
                    + " at the best epoch; mean ± sample standard deviation over seeds. \"failed\": every run failed (failed"
                    + " runs are never averaged); \"–\": no run. Avg: mean over the tasks with a value. Params: trainable"
                    + " parameters without the task head.";

    public static final String PUBLISHED_LEGEND =
            "Each cell: published value (ours − published). n/a: not known here; –: no result of ours to compare."
                    + " Avg difference only where we have every task the source has. † quoted second-hand.";

    /** The legend of the published table when the runs used synthetic data: nothing is compared. */
    public static final String PUBLISHED_LEGEND_ORIENTATION =
            "Published values for orientation only: these runs used synthetic smoke data, so no difference to the"
                    + " paper is computed. n/a: not known here. † quoted second-hand.";

    private static final Pattern NUMBERED_TABLE = Pattern.compile("table(\\d+)");

    private final String title;
    private final boolean synthetic;

    private ReportHeading(String title, boolean synthetic) {
        this.title = title;
        this.synthetic = synthetic;
    }

    /** The heading of a grid: the table's name, the scales and fidelities of its runs. */
    public static ReportHeading of(ResultGrid grid) {
        String scales = grid.scales().isEmpty() ? "none" : String.join("+", grid.scales());
        String fidelities =
                grid.fidelities().isEmpty() ? "none" : String.join("+", grid.fidelities());
        String title =
                tableDisplayName(grid.table()) + " — scale " + scales + ", fidelity " + fidelities;
        return new ReportHeading(title, grid.syntheticData());
    }

    /** "Table 1" for {@code table1}; other names as they are. */
    public static String tableDisplayName(String table) {
        Matcher numbered = NUMBERED_TABLE.matcher(table);
        return numbered.matches() ? "Table " + numbered.group(1) : table;
    }

    /** E.g. "Table 1 — scale quick, fidelity paper". */
    public String title() {
        return title;
    }

    /** The title with the synthetic-data warning appended when it applies. */
    public String titleWithWarning() {
        return synthetic ? title + " (" + SYNTHETIC_WARNING + ")" : title;
    }

    /** True when any counted run used generated data. */
    public boolean synthetic() {
        return synthetic;
    }

    /** The legend of the published-numbers table: differences to ours, or orientation only (synthetic data). */
    public String publishedLegend() {
        return synthetic ? PUBLISHED_LEGEND_ORIENTATION : PUBLISHED_LEGEND;
    }

    /** The warning to show beside numbers, when it applies. */
    public Optional<String> warning() {
        return synthetic ? Optional.of(SYNTHETIC_WARNING) : Optional.empty();
    }
}
