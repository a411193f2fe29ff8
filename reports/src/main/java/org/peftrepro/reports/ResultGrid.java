package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numbers of one results table: per method and task, the scores of its seeds and its failed
 * runs.
 *
 * <p>Records are selected by table, scale and fidelity. When several records describe the same
 * method, task and seed (a rerun under a new run id), the one that finished last counts, so that a
 * successful rerun replaces a failure.
 */
public final class ResultGrid {

    private static final System.Logger LOG = System.getLogger(ResultGrid.class.getName());

    private static final Comparator<RunRecord> BY_FINISH =
            Comparator.comparing(
                    RunRecord::finishedAt,
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));

    private final String table;
    private final List<MethodRow> rows;
    private final List<RunRecord> selected;

    private ResultGrid(String table, List<MethodRow> rows, List<RunRecord> selected) {
        this.table = table;
        this.rows = List.copyOf(rows);
        this.selected = List.copyOf(selected);
    }

    /** Builds the grid of {@code options.table()} from the records that match the options. */
    public static ResultGrid from(List<RunRecord> records, ReportOptions options) {
        List<RunRecord> selected = latestPerSeed(select(records, options));

        Map<String, Map<GlueTask, List<RunRecord>>> byMethod = new LinkedHashMap<>();
        for (RunRecord record : selected) {
            GlueTask task = TaskColumns.byName(record.task()).orElseThrow();
            byMethod.computeIfAbsent(record.method(), m -> new EnumMap<>(GlueTask.class))
                    .computeIfAbsent(task, t -> new ArrayList<>())
                    .add(record);
        }

        List<MethodRow> rows = new ArrayList<>();
        for (String method : options.methods().inRowOrder(byMethod.keySet())) {
            rows.add(row(method, options.methods().displayName(method), byMethod.get(method)));
        }
        return new ResultGrid(options.table(), rows, selected);
    }

    /** The table's name, e.g. {@code table1}. */
    public String table() {
        return table;
    }

    /** One row per method, in table order. */
    public List<MethodRow> rows() {
        return rows;
    }

    /** The records the grid counts, after selection and replacement of reruns. */
    public List<RunRecord> records() {
        return selected;
    }

    /**
     * True when any counted run trained on generated data, which makes the table incomparable to
     * the paper.
     */
    public boolean syntheticData() {
        return selected.stream().anyMatch(RunRecord::syntheticData);
    }

    /** The scales of the counted runs, e.g. [quick]. */
    public Set<String> scales() {
        Set<String> names = new TreeSet<>();
        selected.forEach(r -> names.add(r.scale() == null ? "unknown" : r.scale().wireName()));
        return names;
    }

    /** The fidelities of the counted runs, e.g. [paper]. */
    public Set<String> fidelities() {
        Set<String> names = new TreeSet<>();
        selected.forEach(
                r -> names.add(r.fidelity() == null ? "unknown" : r.fidelity().wireName()));
        return names;
    }

    private static List<RunRecord> select(List<RunRecord> records, ReportOptions options) {
        List<RunRecord> selected = new ArrayList<>();
        for (RunRecord record : records) {
            if (!options.table().equals(record.table())
                    || (options.scale() != null && options.scale() != record.scale())
                    || (options.fidelity() != null && options.fidelity() != record.fidelity())) {
                continue;
            }
            if (record.method() == null || record.method().isBlank()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Run " + record.runId() + " is left out: field method is missing");
                continue;
            }
            if (TaskColumns.byName(record.task()).isEmpty()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Run "
                                + record.runId()
                                + " is left out: field task is '"
                                + record.task()
                                + "', not a GLUE task (mnli, sst2, mrpc, cola, qnli, qqp, rte, stsb)");
                continue;
            }
            selected.add(record);
        }
        return selected;
    }

    /**
     * Keeps, for each method, task and seed, the record that finished last (the later one in the
     * list on a tie).
     */
    private static List<RunRecord> latestPerSeed(List<RunRecord> records) {
        Map<List<Object>, RunRecord> latest = new LinkedHashMap<>();
        for (RunRecord record : records) {
            // Without a seed there is nothing to tell a rerun from another run, so each such record
            // counts on its own.
            Object seed = record.seed() != null ? record.seed() : "no seed: " + record.runId();
            List<Object> key =
                    List.of(record.method(), TaskColumns.byName(record.task()).orElseThrow(), seed);
            latest.merge(
                    key,
                    record,
                    (kept, candidate) ->
                            BY_FINISH.compare(candidate, kept) >= 0 ? candidate : kept);
        }
        return new ArrayList<>(latest.values());
    }

    private static MethodRow row(
            String method, String displayName, Map<GlueTask, List<RunRecord>> runsByTask) {
        Map<GlueTask, ScoreCell> cells = new EnumMap<>(GlueTask.class);
        Optional<MethodRow.ParamRange> params = Optional.empty();
        for (Map.Entry<GlueTask, List<RunRecord>> entry : runsByTask.entrySet()) {
            List<Double> scores = new ArrayList<>();
            int failed = 0;
            for (RunRecord run : entry.getValue()) {
                Optional<Double> value = run.succeeded() ? run.primaryValue() : Optional.empty();
                if (value.isPresent() && Double.isFinite(value.get())) {
                    scores.add(value.get() * 100.0);
                } else {
                    if (run.succeeded()) {
                        // A run that claims success but has no score is shown as failed rather than
                        // silently dropped.
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "Run "
                                        + run.runId()
                                        + " has status ok but no finite value for its"
                                        + " primary metric '"
                                        + run.primaryMetric()
                                        + "' in bestMetrics; counted as failed");
                    }
                    failed++;
                }
                Optional<Long> count = run.reportedTrainableParams();
                if (count.isPresent()) {
                    long c = count.get();
                    params =
                            Optional.of(
                                    params.map(p -> p.including(c))
                                            .orElse(new MethodRow.ParamRange(c, c)));
                }
            }
            cells.put(entry.getKey(), new ScoreCell(scores, failed));
        }
        return new MethodRow(method, displayName, cells, params);
    }
}
