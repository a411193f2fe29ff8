package org.peftrepro.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Entities;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.reports.HtmlTables;
import org.peftrepro.reports.CsvReport;
import org.peftrepro.reports.MarkdownTable;
import org.peftrepro.reports.PlotlyBundle;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;

/**
 * The benchmark tables as Markdown, CSV and one self-contained HTML page (plotly.js inlined, every fetch
 * forbidden, so it opens offline), each file written atomically.
 */
public final class BenchReport {
    public static final String MARKDOWN = "bench.md";
    public static final String CSV = "bench.csv";
    public static final String SFS_CSV = "bench-sfs.csv";
    public static final String HTML = "bench.html";

    static final String TITLE = "Method benchmarks";
    static final String METHODS_LEGEND = "Times are medians over the measured JMH iterations; examples/s and tokens/s "
            + "follow from them (tokens = batch x length, no padding). Trainable params: the method's, task head excluded. "
            + "Optimizer state: AdamW's two moments of every trained tensor (method and task head). Peak: the highest "
            + "memory use seen in training steps (CPU: process resident set; GPU: device memory in use, device-wide). "
            + "MB = 10^6 bytes. vs LoRA: throughput divided by LoRA's in the same table.";
    static final String NO_LORA = "LoRA was not benchmarked, so the columns relative to it are empty.";
    static final String SFS_LEGEND = "Time to get the singular values behind the SFS scores of every module (one per "
            + "layer): through the r x r core (O(d r^2) per module) and through the full d x d SVD of B A (O(d^3)), "
            + "as the official LoR2C code computes them; both in EJML, on one thread. Medians over the measured iterations.";

    private static final Set<String> TEXT_COLUMNS = Set.of(MethodTables.METHOD, MethodTables.SHAPE, MethodTables.INPUT,
            MethodTables.DEVICE, SfsTable.BACKBONE, SfsTable.NOTE);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; img-src data: blob:; font-src data:";
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; white-space: nowrap; }
            th { background: #f3f3f3; }
            td.label, th.label { text-align: left; }
            .legend, .about { color: #555; max-width: 60em; }
            .chart { max-width: 1100px; }
            """;

    private BenchReport() {}

    /** The files written; {@code sfsCsv} is null when no SFS benchmark ran. */
    public record Files(Path markdown, Path csv, Path html, Path sfsCsv) {}

    /**
     * @param about lines on how the numbers were measured (mode, device, machine), shown under the title
     */
    public static Files write(Path dir, Map<MethodTables.Group, Table> methods, Table sfs, List<String> about)
            throws IOException {
        Path md = dir.resolve(MARKDOWN);
        Path csv = dir.resolve(CSV);
        Path html = dir.resolve(HTML);
        AtomicFiles.writeString(md, markdown(methods, sfs, about));
        AtomicFiles.writeString(csv, CsvReport.render(MethodTables.combined(methods)));
        Path sfsCsv = null;
        if (sfs.rowCount() > 0) {
            sfsCsv = dir.resolve(SFS_CSV);
            AtomicFiles.writeString(sfsCsv, CsvReport.render(sfs));
        }
        AtomicFiles.writeString(html, html(methods, sfs, about, PlotlyBundle.load()));
        return new Files(md, csv, html, sfsCsv);
    }

    static String markdown(Map<MethodTables.Group, Table> methods, Table sfs, List<String> about) {
        StringBuilder out = new StringBuilder("# ").append(TITLE).append("\n\n");
        about.forEach(line -> out.append(line).append("  \n"));
        out.append('\n');
        if (!methods.isEmpty()) {
            out.append(METHODS_LEGEND).append("\n\n");
            if (!hasReference(methods)) {
                out.append(NO_LORA).append("\n\n");
            }
        }
        methods.forEach((group, table) -> out.append("## ").append(group.title()).append("\n\n")
                .append(MarkdownTable.render(table, TEXT_COLUMNS)).append('\n'));
        if (sfs.rowCount() > 0) {
            out.append("## SFS: r x r route against the full SVD\n\n").append(SFS_LEGEND).append("\n\n")
                    .append(MarkdownTable.render(sfs, TEXT_COLUMNS));
        }
        return out.toString();
    }

    static String html(Map<MethodTables.Group, Table> methods, Table sfs, List<String> about, PlotlyBundle plotly) {
        StringBuilder page = new StringBuilder(plotly.inlineScript().length() + 64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<title>").append(TITLE).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("<script>\n/* plotly.js ").append(plotly.version())
                .append(" (MIT license), from the org.webjars.npm:plotly.js-dist WebJar */\n")
                .append(plotly.inlineScript()).append("\n</script>\n</head>\n<body>\n")
                .append("<h1>").append(TITLE).append("</h1>\n");
        about.forEach(line -> page.append("<p class=\"about\">").append(Entities.escape(line)).append("</p>\n"));
        if (!methods.isEmpty()) {
            page.append("<p class=\"legend\">").append(Entities.escape(METHODS_LEGEND)).append("</p>\n");
            if (!hasReference(methods)) {
                page.append("<p class=\"legend\">").append(Entities.escape(NO_LORA)).append("</p>\n");
            }
        }
        int index = 0;
        for (Map.Entry<MethodTables.Group, Table> e : methods.entrySet()) {
            page.append("<h2>").append(Entities.escape(e.getKey().title())).append("</h2>\n")
                    .append(htmlTable(e.getValue(), "methods_" + index)).append('\n');
            if (hasReference(e.getValue())) {
                String id = "relative_throughput_" + index;
                page.append("<div id=\"").append(id).append("\" class=\"chart\"></div>\n")
                        .append(relativeThroughputChart(e.getKey(), e.getValue()).asJavascript(id)).append('\n');
            }
            index++;
        }
        if (sfs.rowCount() > 0) {
            page.append("<h2>SFS: r x r route against the full SVD</h2>\n<p class=\"legend\">")
                    .append(Entities.escape(SFS_LEGEND)).append("</p>\n").append(htmlTable(sfs, "sfs")).append('\n');
        }
        return page.append("</body>\n</html>\n").toString();
    }

    /** Training and inference throughput of each method relative to LoRA's, grouped by method. */
    static Figure relativeThroughputChart(MethodTables.Group group, Table table) {
        Object[] methods = table.stringColumn(MethodTables.METHOD).asObjectArray();
        BarTrace train = BarTrace.builder(methods, table.doubleColumn(MethodTables.TRAIN_VS_LORA).asDoubleArray())
                .name("training step").showLegend(true).build();
        BarTrace infer = BarTrace.builder(methods, table.doubleColumn(MethodTables.INFER_VS_LORA).asDoubleArray())
                .name("inference").showLegend(true).build();
        Layout layout = Layout.builder().title("Throughput relative to LoRA: " + group.title())
                .barMode(Layout.BarMode.GROUP).width(1000).height(420)
                .xAxis(Axis.builder().title("method").build())
                .yAxis(Axis.builder().title("examples/s divided by LoRA's").build()).build();
        return new Figure(layout, train, infer);
    }

    private static boolean hasReference(Map<MethodTables.Group, Table> methods) {
        return methods.values().stream().anyMatch(BenchReport::hasReference);
    }

    private static boolean hasReference(Table table) {
        return table.stringColumn(MethodTables.METHOD).contains(MethodTables.REFERENCE_METHOD);
    }

    /** Tablesaw's HTML table, text escaped, label columns marked for left alignment. */
    private static String htmlTable(Table table, String id) {
        return HtmlTables.render(table, id, column -> TEXT_COLUMNS.contains(column.name()));
    }

    /** Lines for {@code about}: what was run, where. */
    public static List<String> describe(BenchPlan plan) {
        List<String> lines = new ArrayList<>();
        String threads = plan.threads() > 0 ? plan.threads() + " libtorch thread(s)" : "libtorch's default threads";
        lines.add((plan.quick() ? "Quick run" : "Full run") + " on " + plan.device() + ": "
                + Runtime.getRuntime().availableProcessors() + " processors, " + threads + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + ", JMH, one forked VM per benchmark.");
        if (plan.quick()) {
            lines.add("Quick: " + BenchPlan.QUICK_WARMUP_ITERATIONS + " warm-up and " + BenchPlan.QUICK_MEASURED_ITERATIONS
                    + " measured iterations of 1 s per method benchmark (at least one step each).");
        }
        return lines;
    }
}
