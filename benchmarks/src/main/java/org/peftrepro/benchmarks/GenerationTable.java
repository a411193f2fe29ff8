package org.peftrepro.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peftrepro.benchmarks.JmhResults.Entry;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.reports.CsvReport;
import org.peftrepro.reports.MarkdownTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Generation with and without the KV cache side by side, a row per batch, prompt length and new tokens: the median
 * time of a whole generation each way, the tokens per second it makes (batch x new tokens), and the speed-up of the
 * cache. Written as {@code bench-generation.md} and {@code bench-generation.csv}.
 */
public final class GenerationTable {
    public static final String MARKDOWN = "bench-generation.md";
    public static final String CSV = "bench-generation.csv";
    public static final String BATCH = "batch";
    public static final String PROMPT = "prompt tokens";
    public static final String NEW_TOKENS = "new tokens";
    public static final String CACHED_MS = "cached ms";
    public static final String UNCACHED_MS = "uncached ms";
    public static final String CACHED_TOKENS_S = "cached tokens/s";
    public static final String UNCACHED_TOKENS_S = "uncached tokens/s";
    public static final String SPEEDUP = "cache speed-up";
    static final String LEGEND = "Greedy generation on random weights of a small LLaMA shape (4 layers, hidden 256, 4 heads, "
            + "FFN 688, vocabulary 8,000): with the KV cache (the prompt once, then one token per step) and without it (the "
            + "whole sequence at every step). One operation is a whole generation; times are medians of JMH's single-shot "
            + "iterations; tokens/s = batch x new tokens / time.";

    private GenerationTable() {}

    private record Key(int batch, int prompt, int newTokens) {}

    /** The table, or an empty one when no generation benchmark ran. */
    public static Table build(List<Entry> entries) {
        Map<Key, Double> cached = new LinkedHashMap<>();
        Map<Key, Double> uncached = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.benchmark().startsWith(GenerationBenchmark.class.getSimpleName() + ".")) {
                continue;
            }
            Key key = new Key(Integer.parseInt(e.param("batch")), Integer.parseInt(e.param("promptLength")),
                    Integer.parseInt(e.param("newTokens")));
            (Boolean.parseBoolean(e.param("cache")) ? cached : uncached).put(key, StepTime.medianMillis(e.primary(), e.benchmark()));
        }
        Table table = Table.create("Generation", IntColumn.create(BATCH), IntColumn.create(PROMPT), IntColumn.create(NEW_TOKENS),
                DoubleColumn.create(CACHED_MS), DoubleColumn.create(UNCACHED_MS), DoubleColumn.create(CACHED_TOKENS_S),
                DoubleColumn.create(UNCACHED_TOKENS_S), DoubleColumn.create(SPEEDUP));
        Map<Key, Double> all = new LinkedHashMap<>(cached);
        uncached.forEach(all::putIfAbsent);
        for (Key key : all.keySet()) {
            double withCache = cached.getOrDefault(key, Double.NaN);
            double without = uncached.getOrDefault(key, Double.NaN);
            double tokens = (double) key.batch() * key.newTokens();
            table.intColumn(BATCH).append(key.batch());
            table.intColumn(PROMPT).append(key.prompt());
            table.intColumn(NEW_TOKENS).append(key.newTokens());
            table.doubleColumn(CACHED_MS).append(withCache);
            table.doubleColumn(UNCACHED_MS).append(without);
            table.doubleColumn(CACHED_TOKENS_S).append(tokens / withCache * 1000);
            table.doubleColumn(UNCACHED_TOKENS_S).append(tokens / without * 1000);
            table.doubleColumn(SPEEDUP).append(without / withCache);
        }
        for (String column : List.of(CACHED_MS, UNCACHED_MS, CACHED_TOKENS_S, UNCACHED_TOKENS_S)) {
            table.doubleColumn(column).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        }
        table.doubleColumn(SPEEDUP).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return table;
    }

    /** Writes the Markdown (with its legend) and the CSV into {@code dir}, atomically; returns the Markdown file. */
    public static Path write(Path dir, Table table) throws IOException {
        Path markdown = dir.resolve(MARKDOWN);
        AtomicFiles.writeString(markdown, "# Generation with and without the KV cache\n\n" + LEGEND + "\n\n"
                + MarkdownTable.render(table, Set.of()));
        AtomicFiles.writeString(dir.resolve(CSV), CsvReport.render(table));
        return markdown;
    }
}
