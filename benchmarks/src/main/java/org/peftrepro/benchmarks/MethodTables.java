package org.peftrepro.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peftrepro.benchmarks.JmhResults.Entry;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The method benchmarks side by side: one table per model shape, input and device, a row per method. Times are
 * medians over the measured iterations and throughputs follow from them; memory is that of the training step.
 */
public final class MethodTables {
    public static final String METHOD = "method";
    public static final String TRAIN_MS = "train step ms";
    public static final String TRAIN_EXAMPLES = "train examples/s";
    public static final String TRAIN_TOKENS = "train tokens/s";
    public static final String INFER_EXAMPLES = "inference examples/s";
    public static final String TRAINABLE = "trainable params";
    public static final String OPTIMIZER_MB = "optimizer state MB";
    public static final String PEAK_MB = "peak MB";
    public static final String TRAIN_VS_LORA = "train throughput vs LoRA";
    public static final String INFER_VS_LORA = "inference throughput vs LoRA";
    /** Columns the combined (CSV) table adds in front. */
    public static final String SHAPE = "shape";
    public static final String INPUT = "input";
    public static final String DEVICE = "device";

    /** The row every throughput is divided by. */
    public static final String REFERENCE_METHOD = "lora";
    private static final double MB = 1e6;

    private MethodTables() {}

    /** What one table covers. */
    public record Group(String shape, InputShape input, String device) {
        public String title() {
            return shape + ", batch " + input.batch() + " x length " + input.length() + ", " + device;
        }
    }

    /**
     * @param methodOrder row order; methods measured but not listed come after, in the order they appear
     */
    public static Map<Group, Table> build(List<Entry> entries, List<String> methodOrder) {
        Map<Group, Map<String, Map<String, Entry>>> byGroup = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.benchmark().startsWith(MethodBenchmark.class.getSimpleName() + ".")) {
                continue;
            }
            Group group = new Group(e.param("shape"), InputShape.parse(e.param("input")), e.param("device"));
            String kind = e.benchmark().substring(e.benchmark().indexOf('.') + 1);
            byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>())
                    .computeIfAbsent(e.param("method"), m -> new LinkedHashMap<>()).put(kind, e);
        }
        Map<Group, Table> tables = new LinkedHashMap<>();
        byGroup.forEach((group, methods) -> tables.put(group, table(group, methods, methodOrder)));
        return tables;
    }

    /** Every group's rows in one table, with shape, input and device columns in front (the CSV form). */
    public static Table combined(Map<Group, Table> tables) {
        Table all = null;
        for (Map.Entry<Group, Table> e : tables.entrySet()) {
            Table t = e.getValue().copy();
            int rows = t.rowCount();
            t.insertColumn(0, StringColumn.create(DEVICE, Collections.nCopies(rows, e.getKey().device())));
            t.insertColumn(0, StringColumn.create(INPUT, Collections.nCopies(rows, e.getKey().input().toString())));
            t.insertColumn(0, StringColumn.create(SHAPE, Collections.nCopies(rows, e.getKey().shape())));
            all = all == null ? t : all.append(t);
        }
        return all != null ? all.setName("methods") : empty().setName("methods");
    }

    private static Table table(Group group, Map<String, Map<String, Entry>> methods, List<String> methodOrder) {
        Set<String> order = new LinkedHashSet<>(methodOrder);
        order.retainAll(methods.keySet());
        order.addAll(methods.keySet());
        Table table = empty().setName(group.title());
        List<Row> rows = new ArrayList<>();
        for (String method : order) {
            rows.add(Row.of(method, methods.get(method), group.input()));
        }
        Optional<Row> reference = rows.stream().filter(r -> r.method.equals(REFERENCE_METHOD)).findFirst();
        for (Row r : rows) {
            table.stringColumn(METHOD).append(r.method);
            table.doubleColumn(TRAIN_MS).append(r.trainMillis);
            table.doubleColumn(TRAIN_EXAMPLES).append(r.trainExamplesPerSecond());
            table.doubleColumn(TRAIN_TOKENS).append(r.trainExamplesPerSecond() * group.input().length());
            table.doubleColumn(INFER_EXAMPLES).append(r.inferExamplesPerSecond());
            appendOrMissing(table.longColumn(TRAINABLE), r.trainable);
            table.doubleColumn(OPTIMIZER_MB).append(r.optimizerBytes / MB);
            table.doubleColumn(PEAK_MB).append(r.peakBytes / MB);
            table.doubleColumn(TRAIN_VS_LORA).append(reference.map(l -> r.trainExamplesPerSecond() / l.trainExamplesPerSecond())
                    .orElse(Double.NaN));
            table.doubleColumn(INFER_VS_LORA).append(reference.map(l -> r.inferExamplesPerSecond() / l.inferExamplesPerSecond())
                    .orElse(Double.NaN));
        }
        return table;
    }

    private static Table empty() {
        Table t = Table.create(StringColumn.create(METHOD), DoubleColumn.create(TRAIN_MS), DoubleColumn.create(TRAIN_EXAMPLES),
                DoubleColumn.create(TRAIN_TOKENS), DoubleColumn.create(INFER_EXAMPLES), LongColumn.create(TRAINABLE),
                DoubleColumn.create(OPTIMIZER_MB), DoubleColumn.create(PEAK_MB), DoubleColumn.create(TRAIN_VS_LORA),
                DoubleColumn.create(INFER_VS_LORA));
        t.doubleColumn(TRAIN_MS).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        t.doubleColumn(TRAIN_EXAMPLES).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        t.doubleColumn(TRAIN_TOKENS).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        t.doubleColumn(INFER_EXAMPLES).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        t.longColumn(TRAINABLE).setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        t.doubleColumn(OPTIMIZER_MB).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        t.doubleColumn(PEAK_MB).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        t.doubleColumn(TRAIN_VS_LORA).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        t.doubleColumn(INFER_VS_LORA).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return t;
    }

    private static void appendOrMissing(LongColumn column, long value) {
        if (value < 0) {
            column.appendMissing();
        } else {
            column.append(value);
        }
    }

    /** One method's numbers; NaN (or -1 for the count) where its benchmark failed. */
    private record Row(String method, double trainMillis, double inferMillis, int batch, long trainable,
            double optimizerBytes, double peakBytes) {

        static Row of(String method, Map<String, Entry> kinds, InputShape input) {
            Entry train = kinds.get("train");
            Entry infer = kinds.get("infer");
            double trainMs = train == null ? Double.NaN : StepTime.medianMillis(train.primary(), train.benchmark());
            double inferMs = infer == null ? Double.NaN : StepTime.medianMillis(infer.primary(), infer.benchmark());
            Entry any = train != null ? train : infer;
            long trainable = any == null ? -1 : any.secondary(StepMetricsProfiler.TRAINABLE_PARAMETERS)
                    .map(m -> (long) m.score()).orElse(-1L);
            double optimizer = secondary(train, StepMetricsProfiler.OPTIMIZER_STATE_BYTES);
            double peak = secondary(train, StepMetricsProfiler.PEAK_MEMORY_BYTES);
            return new Row(method, trainMs, inferMs, input.batch(), trainable, optimizer, peak);
        }

        private static double secondary(Entry entry, String name) {
            return entry == null ? Double.NaN : entry.secondary(name).map(JmhResults.Metric::score).orElse(Double.NaN);
        }

        double trainExamplesPerSecond() {
            return batch * 1000.0 / trainMillis;
        }

        double inferExamplesPerSecond() {
            return batch * 1000.0 / inferMillis;
        }
    }
}
