package org.peftrepro.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.nodes.Entities;
import org.peftrepro.evaluation.run.BenchmarkRecord;
import org.peftrepro.evaluation.tasks.Benchmark;
import org.peftrepro.evaluation.tasks.Protocol;
import org.peftrepro.evaluation.tasks.Scores;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.reports.CsvReport;
import org.peftrepro.reports.HtmlTables;
import org.peftrepro.reports.MarkdownTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * An evaluation's report from its benchmark records: a table of the benchmarks (score x 100 in the primary metric,
 * the other metrics beside it) and one of every subject and task, each benchmark's protocol notes, and the warning
 * that smoke benchmarks are not comparable to the paper. Written as Markdown, CSV and one self-contained HTML page,
 * each atomically, with the reports module's renderers.
 */
final class EvaluationReport {
    static final String MARKDOWN = "evaluation.md";
    static final String CSV = "evaluation.csv";
    static final String GROUPS_CSV = "evaluation-groups.csv";
    static final String HTML = "evaluation.html";
    static final String SYNTHETIC_WARNING = "!! synthetic smoke benchmarks: not comparable to the paper !!";
    private static final Set<String> TEXT_COLUMNS = Set.of("Benchmark", "Protocol", "Metric", "Other metrics", "Subject or task");

    private static final NumberColumnFormatter TWO_DECIMALS = new NumberColumnFormatter(fixed(2), "");
    private static final NumberColumnFormatter ONE_DECIMAL = new NumberColumnFormatter(fixed(1), "");

    private final List<BenchmarkRecord> records;

    EvaluationReport(List<BenchmarkRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no finished benchmark to report");
        }
        // Table II's order: MMLU, BBH, DROP, HumanEval, each protocol after the other.
        this.records = records.stream().sorted(java.util.Comparator
                .comparing((BenchmarkRecord r) -> Benchmark.parse(r.benchmark()).ordinal())
                .thenComparing(r -> Protocol.parse(r.protocol()).ordinal())).toList();
    }

    /** One row per benchmark and protocol. */
    Table summary() {
        StringColumn benchmark = StringColumn.create("Benchmark");
        StringColumn protocol = StringColumn.create("Protocol");
        StringColumn metric = StringColumn.create("Metric");
        DoubleColumn score = DoubleColumn.create("Score");
        StringColumn others = StringColumn.create("Other metrics");
        IntColumn items = IntColumn.create("Items");
        DoubleColumn seconds = DoubleColumn.create("Seconds");
        for (BenchmarkRecord r : records) {
            benchmark.append(Benchmark.parse(r.benchmark()).displayName());
            protocol.append(Protocol.parse(r.protocol()).displayName());
            metric.append(r.primaryMetric());
            score.append(round(100 * r.score()));
            others.append(r.metrics().entrySet().stream().filter(e -> !e.getKey().equals(r.primaryMetric()))
                    .map(e -> e.getKey() + " " + format(100 * e.getValue())).collect(Collectors.joining(", ")));
            items.append(r.items());
            seconds.append(Math.round(r.seconds() * 10) / 10.0);
        }
        score.setPrintFormatter(TWO_DECIMALS);
        seconds.setPrintFormatter(ONE_DECIMAL);
        return Table.create("Causal-LM evaluation", benchmark, protocol, metric, score, others, items, seconds);
    }

    /** One row per subject or task of every benchmark. */
    Table groups() {
        StringColumn benchmark = StringColumn.create("Benchmark");
        StringColumn protocol = StringColumn.create("Protocol");
        StringColumn group = StringColumn.create("Subject or task");
        IntColumn items = IntColumn.create("Items");
        StringColumn metric = StringColumn.create("Metric");
        DoubleColumn score = DoubleColumn.create("Score");
        for (BenchmarkRecord r : records) {
            for (Map.Entry<String, Scores.GroupScore> g : r.groups().entrySet()) {
                benchmark.append(Benchmark.parse(r.benchmark()).displayName());
                protocol.append(Protocol.parse(r.protocol()).displayName());
                group.append(g.getKey());
                items.append(g.getValue().items());
                metric.append(r.primaryMetric());
                score.append(round(100 * g.getValue().metrics().get(r.primaryMetric())));
            }
        }
        score.setPrintFormatter(TWO_DECIMALS);
        return Table.create("Subjects and tasks", benchmark, protocol, group, items, metric, score);
    }

    /** The lines above the tables: what was evaluated, on what data, and how each benchmark was asked. */
    List<String> about() {
        List<String> lines = new ArrayList<>();
        BenchmarkRecord first = records.get(0);
        if (records.stream().anyMatch(BenchmarkRecord::synthetic)) {
            lines.add(SYNTHETIC_WARNING);
        }
        lines.add("Model: " + first.model() + ". Scale: " + first.scale() + (first.limit() > 0
                ? ", at most " + first.limit() + " items per subject or task" : "") + ". Data: " + first.data() + ".");
        lines.add("Scores are the primary metric x 100: accuracy, exact match, F1 or pass@1.");
        Set<String> notes = new LinkedHashSet<>();
        records.forEach(r -> r.notes().forEach(n -> notes.add(Protocol.parse(r.protocol()).displayName() + ", " + n)));
        lines.addAll(notes);
        return lines;
    }

    /** What the console shows: the warning, the model, and the summary table. */
    String printable() {
        StringBuilder text = new StringBuilder();
        List<String> about = about();
        about.subList(0, Math.min(2, about.size())).forEach(line -> text.append(line).append('\n'));
        return text.append(MarkdownTable.render(summary(), TEXT_COLUMNS)).toString();
    }

    /** Writes the Markdown, the two CSV files and the HTML page into {@code dir}; returns the Markdown file. */
    Path write(Path dir) throws IOException {
        Table summary = summary();
        Table groups = groups();
        StringBuilder md = new StringBuilder("# Causal-LM evaluation\n\n");
        about().forEach(line -> md.append(line).append("  \n"));
        md.append("\n").append(MarkdownTable.render(summary, TEXT_COLUMNS)).append("\n## Subjects and tasks\n\n")
                .append(MarkdownTable.render(groups, TEXT_COLUMNS));
        Path markdown = dir.resolve(MARKDOWN);
        AtomicFiles.writeString(markdown, md.toString());
        AtomicFiles.writeString(dir.resolve(CSV), CsvReport.render(summary));
        AtomicFiles.writeString(dir.resolve(GROUPS_CSV), CsvReport.render(groups));
        AtomicFiles.writeString(dir.resolve(HTML), html(summary, groups));
        return markdown;
    }

    private String html(Table summary, Table groups) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Causal-LM evaluation</title>\n<style>\n")
                .append("body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }\n")
                .append("table { border-collapse: collapse; margin: 1em 0; font-variant-numeric: tabular-nums; }\n")
                .append("th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }\n")
                .append("td.label, th.label { text-align: left; }\n.warning { color: #b00; font-weight: bold; }\n")
                .append("</style>\n</head>\n<body>\n<h1>Causal-LM evaluation</h1>\n");
        for (String line : about()) {
            String cls = line.equals(SYNTHETIC_WARNING) ? "warning" : "about";
            page.append("<p class=\"").append(cls).append("\">").append(Entities.escape(line)).append("</p>\n");
        }
        page.append(HtmlTables.render(summary, "benchmarks", c -> TEXT_COLUMNS.contains(c.name()))).append('\n')
                .append("<h2>Subjects and tasks</h2>\n")
                .append(HtmlTables.render(groups, "groups", c -> TEXT_COLUMNS.contains(c.name()))).append('\n');
        return page.append("</body>\n</html>\n").toString();
    }

    private static java.text.NumberFormat fixed(int decimals) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(Locale.ROOT);
        format.setGroupingUsed(false);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
