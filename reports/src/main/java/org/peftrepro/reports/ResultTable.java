package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A results table in the papers' layout, and the published numbers beside it.
 *
 * <p>{@link #results()} has one row per method and the columns Method, MNLI, SST-2, MRPC, CoLA,
 * QNLI, QQP, RTE, STS-B, Avg, Params. {@link #versusPublished()} has one row per method and source
 * of published numbers, each cell the published value and our difference to it. Both get a Note
 * column carrying {@link ReportHeading#SYNTHETIC_WARNING} on every row when the runs used generated
 * data, so that the warning travels with the numbers into CSV files.
 */
public final class ResultTable {

    public static final String METHOD = "Method";
    public static final String SOURCE = "Source";
    public static final String AVG = "Avg";
    public static final String PARAMS = "Params";
    public static final String NOTE = "Note";

    private static final String NO_SOURCE = "none known here";

    private final ResultGrid grid;
    private final ReportHeading heading;
    private final Table results;
    private final Table versusPublished;

    private ResultTable(ResultGrid grid, PublishedNumbers published) {
        this.grid = grid;
        this.heading = ReportHeading.of(grid);
        this.results = buildResults();
        this.versusPublished = buildVersusPublished(published);
    }

    /** The table of {@code options.table()} from the records that match the options. */
    public static ResultTable from(List<RunRecord> records, ReportOptions options) {
        return new ResultTable(ResultGrid.from(records, options), options.published());
    }

    /** The table of a grid, compared with {@code published}. */
    public static ResultTable of(ResultGrid grid, PublishedNumbers published) {
        return new ResultTable(grid, published);
    }

    public ResultGrid grid() {
        return grid;
    }

    public ReportHeading heading() {
        return heading;
    }

    /** Our results, all cells as printed. */
    public Table results() {
        return results;
    }

    /** Published numbers with our difference to them, all cells as printed. */
    public Table versusPublished() {
        return versusPublished;
    }

    private Table buildResults() {
        StringColumn method = StringColumn.create(METHOD);
        List<StringColumn> tasks = taskColumns();
        StringColumn avg = StringColumn.create(AVG);
        StringColumn params = StringColumn.create(PARAMS);
        for (MethodRow row : grid.rows()) {
            method.append(row.displayName());
            for (GlueTask task : TaskColumns.ORDER) {
                tasks.get(TaskColumns.indexOf(task)).append(formatCell(row.cell(task)));
            }
            OptionalDouble average = row.average();
            avg.append(
                    average.isPresent()
                            ? NumberFormats.oneDecimal(average.getAsDouble())
                            : NumberFormats.MISSING);
            params.append(
                    row.params().map(MethodRow.ParamRange::format).orElse(NumberFormats.MISSING));
        }
        Table table = Table.create(heading.title(), method);
        tasks.forEach(table::addColumns);
        table.addColumns(avg, params);
        return withNote(table);
    }

    private Table buildVersusPublished(PublishedNumbers published) {
        // Against synthetic data a difference to the paper means nothing: the published numbers are shown for
        // orientation only.
        boolean compare = !heading.synthetic();
        StringColumn method = StringColumn.create(METHOD);
        StringColumn source = StringColumn.create(SOURCE);
        List<StringColumn> tasks = taskColumns();
        StringColumn avg = StringColumn.create(AVG);
        StringColumn params = StringColumn.create(PARAMS);
        for (MethodRow row : grid.rows()) {
            Map<String, List<PublishedNumber>> sources =
                    published.bySource(grid.table(), row.method());
            if (sources.isEmpty()) {
                method.append(row.displayName());
                source.append(NO_SOURCE);
                tasks.forEach(column -> column.append(NumberFormats.NOT_AVAILABLE));
                avg.append(NumberFormats.NOT_AVAILABLE);
                params.append(NumberFormats.NOT_AVAILABLE);
                continue;
            }
            for (Map.Entry<String, List<PublishedNumber>> entry : sources.entrySet()) {
                List<PublishedNumber> numbers = entry.getValue();
                boolean secondHand = numbers.stream().anyMatch(PublishedNumber::secondHand);
                method.append(row.displayName());
                source.append(entry.getKey() + (secondHand ? " †" : ""));
                for (GlueTask task : TaskColumns.ORDER) {
                    tasks.get(TaskColumns.indexOf(task))
                            .append(
                                    formatPublishedCell(
                                            publishedValue(numbers, task), row.cell(task), compare));
                }
                avg.append(formatPublishedAverage(numbers, row, compare));
                params.append(
                        numbers.stream()
                                .map(PublishedNumber::params)
                                .flatMap(Optional::stream)
                                .findFirst()
                                .orElse(NumberFormats.NOT_AVAILABLE));
            }
        }
        Table table = Table.create(heading.title() + " — published", method, source);
        tasks.forEach(table::addColumns);
        table.addColumns(avg, params);
        return withNote(table);
    }

    /**
     * A copy of {@code table} without its Note column, for forms that print the synthetic-data
     * warning right above the table instead of widening it with the same words on every row.
     */
    public static Table withoutNote(Table table) {
        return table.containsColumn(NOTE) ? table.copy().removeColumns(NOTE) : table;
    }

    private Table withNote(Table table) {
        if (heading.synthetic()) {
            StringColumn note = StringColumn.create(NOTE);
            for (int i = 0; i < table.rowCount(); i++) {
                note.append(ReportHeading.SYNTHETIC_WARNING);
            }
            table.addColumns(note);
        }
        return table;
    }

    private static List<StringColumn> taskColumns() {
        List<StringColumn> columns = new ArrayList<>();
        for (GlueTask task : TaskColumns.ORDER) {
            columns.add(StringColumn.create(task.displayName()));
        }
        return columns;
    }

    /** "87.1", "87.1 ± 0.3", "87.1 ± 0.3 (1 failed)", "failed" or "–". */
    static String formatCell(ScoreCell cell) {
        if (cell.isEmpty()) {
            return NumberFormats.MISSING;
        }
        OptionalDouble mean = cell.mean();
        if (mean.isEmpty()) {
            return NumberFormats.FAILED;
        }
        StringBuilder text = new StringBuilder(NumberFormats.oneDecimal(mean.getAsDouble()));
        OptionalDouble std = cell.standardDeviation();
        if (std.isPresent()) {
            text.append(" ± ").append(NumberFormats.oneDecimal(std.getAsDouble()));
        }
        if (cell.failedRuns() > 0) {
            text.append(" (").append(cell.failedRuns()).append(" failed)");
        }
        return text.toString();
    }

    private static Optional<Double> publishedValue(List<PublishedNumber> numbers, GlueTask task) {
        return numbers.stream()
                .filter(n -> n.task() == task)
                .findFirst()
                .flatMap(PublishedNumber::value);
    }

    /**
     * "95.1 (-0.4)", "95.1 (–)" when we have no score, "n/a" when the published value is unknown; "95.1" alone
     * when not comparing.
     */
    private static String formatPublishedCell(Optional<Double> published, ScoreCell ours, boolean compare) {
        if (published.isEmpty()) {
            return NumberFormats.NOT_AVAILABLE;
        }
        if (!compare) {
            return NumberFormats.oneDecimal(published.get());
        }
        OptionalDouble mean = ours.mean();
        String delta =
                mean.isPresent()
                        ? NumberFormats.signedOneDecimal(mean.getAsDouble() - published.get())
                        : NumberFormats.MISSING;
        return NumberFormats.oneDecimal(published.get()) + " (" + delta + ")";
    }

    /**
     * The source's average over the tasks it has a value for, and our difference over those same
     * tasks, which is only a fair comparison when we have a score on each of them.
     */
    private static String formatPublishedAverage(List<PublishedNumber> numbers, MethodRow row, boolean compare) {
        double publishedSum = 0;
        double oursSum = 0;
        int count = 0;
        boolean oursComplete = true;
        for (GlueTask task : TaskColumns.ORDER) {
            Optional<Double> published = publishedValue(numbers, task);
            if (published.isEmpty()) {
                continue;
            }
            publishedSum += published.get();
            count++;
            OptionalDouble ours = row.cell(task).mean();
            if (ours.isPresent()) {
                oursSum += ours.getAsDouble();
            } else {
                oursComplete = false;
            }
        }
        if (count == 0) {
            return NumberFormats.NOT_AVAILABLE;
        }
        double publishedAverage = publishedSum / count;
        if (!compare) {
            return NumberFormats.oneDecimal(publishedAverage);
        }
        String delta =
                oursComplete
                        ? NumberFormats.signedOneDecimal(oursSum / count - publishedAverage)
                        : NumberFormats.MISSING;
        return NumberFormats.oneDecimal(publishedAverage) + " (" + delta + ")";
    }
}
