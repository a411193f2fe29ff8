package org.peftrepro.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.benchmarks.JmhResults.Entry;
import org.peftrepro.models.config.ModelConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The SFS routes side by side, a row per backbone and rank: the r x r route's time for all modules against the
 * full SVD's, per module and for all modules. When the full SVD was timed on fewer modules than the backbone has
 * (a quick run at d = 4096), its all-module time is the per-module time times the module count, and the note says so.
 */
public final class SfsTable {
    public static final String BACKBONE = "backbone";
    public static final String D = "d";
    public static final String MODULES = "modules";
    public static final String R = "r";
    public static final String LOW_RANK_MS = "r x r route ms (all modules)";
    public static final String FULL_PER_MODULE_MS = "full SVD ms per module";
    public static final String FULL_MS = "full SVD ms (all modules)";
    public static final String SPEEDUP = "speed-up";
    public static final String NOTE = "note";

    private SfsTable() {}

    private record Key(String backbone, int r) {}

    /** The table, or an empty one when no SFS benchmark ran. */
    public static Table build(List<Entry> entries) {
        Map<Key, Entry> lowRank = new LinkedHashMap<>();
        Map<Key, Entry> full = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.benchmark().startsWith(SfsBenchmark.class.getSimpleName() + ".")) {
                continue;
            }
            Key key = new Key(e.param("backbone"), Integer.parseInt(e.param("r")));
            (e.benchmark().endsWith(".lowRankRoute") ? lowRank : full).put(key, e);
        }
        Table table = Table.create("SFS", StringColumn.create(BACKBONE), IntColumn.create(D), IntColumn.create(MODULES),
                IntColumn.create(R), DoubleColumn.create(LOW_RANK_MS), DoubleColumn.create(FULL_PER_MODULE_MS),
                DoubleColumn.create(FULL_MS), DoubleColumn.create(SPEEDUP), StringColumn.create(NOTE));
        for (SfsModules.Backbone backbone : SfsModules.Backbone.values()) {
            for (int r : new int[] {8, 64}) {
                Key key = new Key(backbone.wireName(), r);
                if (lowRank.containsKey(key) || full.containsKey(key)) {
                    addRow(table, backbone, r, lowRank.get(key), full.get(key));
                }
            }
        }
        table.doubleColumn(LOW_RANK_MS).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        table.doubleColumn(FULL_PER_MODULE_MS).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        table.doubleColumn(FULL_MS).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        table.doubleColumn(SPEEDUP).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        return table;
    }

    private static void addRow(Table table, SfsModules.Backbone backbone, int r, Entry lowRank, Entry full) {
        ModelConfig config = backbone.config();
        int modules = config.numHiddenLayers();
        double lowRankMs = lowRank == null ? Double.NaN : StepTime.medianMillis(lowRank.primary(), lowRank.benchmark());
        double perModule = Double.NaN;
        String note = "";
        if (full != null) {
            int requested = Integer.parseInt(full.param("modules"));
            int timed = requested > 0 ? Math.min(requested, modules) : modules;
            perModule = StepTime.medianMillis(full.primary(), full.benchmark()) / timed;
            if (timed < modules) {
                note = "full SVD timed on " + timed + " of " + modules + " modules; all modules = " + modules
                        + " x the time per module";
            }
        }
        double fullMs = perModule * modules;
        table.stringColumn(BACKBONE).append(backbone.wireName());
        table.intColumn(D).append(config.hiddenSize());
        table.intColumn(MODULES).append(modules);
        table.intColumn(R).append(r);
        table.doubleColumn(LOW_RANK_MS).append(lowRankMs);
        table.doubleColumn(FULL_PER_MODULE_MS).append(perModule);
        table.doubleColumn(FULL_MS).append(fullMs);
        table.doubleColumn(SPEEDUP).append(fullMs / lowRankMs);
        table.stringColumn(NOTE).append(note);
    }
}
