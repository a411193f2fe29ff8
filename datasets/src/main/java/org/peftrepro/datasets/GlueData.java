package org.peftrepro.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The train split and the dev split(s) of one GLUE task, read from a local folder in either
 * published layout ({@link GlueLayout}).
 */
public record GlueData(GlueTask task, GlueLayout layout, GlueSplit train, List<GlueSplit> dev) {

    public GlueData {
        dev = List.copyOf(dev);
    }

    /** Reads a task from a folder whose layout is detected ({@link GlueLayout#detect}). */
    public static GlueData load(Path folder, GlueTask task) throws IOException {
        return load(folder, task, GlueLayout.detect(folder));
    }

    /** Reads a task from a folder in the given layout. */
    public static GlueData load(Path folder, GlueTask task, GlueLayout layout) throws IOException {
        List<String> splits = new ArrayList<>();
        splits.add(GlueTask.TRAIN);
        splits.addAll(task.devSplits());
        List<GlueSplit> read = new ArrayList<>();
        if (layout == GlueLayout.HUB_PARQUET) {
            try (HubParquetReader reader = new HubParquetReader(task)) {
                for (String split : splits) {
                    read.add(reader.read(folder, split));
                }
            }
        } else {
            GlueTsvReader reader = new GlueTsvReader(task);
            for (String split : splits) {
                read.add(reader.read(folder, split));
            }
        }
        return new GlueData(task, layout, read.get(0), read.subList(1, read.size()));
    }

    /**
     * The folder holding a task's files in {@code folder} (the original TSV layout: {@code RTE/}; the Hub's parquet
     * layout: {@code rte/}): what a run of the task reads, and so what identifies its data.
     */
    public static Path taskFolder(Path folder, GlueTask task) throws IOException {
        return GlueLayout.detect(folder) == GlueLayout.HUB_PARQUET
                ? folder.resolve(task.hubConfig())
                : folder.resolve(task.displayName());
    }

    /** The dev split of that name ("validation", "validation_matched", ...). */
    public GlueSplit dev(String name) {
        return dev.stream().filter(split -> split.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(task.displayName() + " has no dev split '" + name
                        + "'; it has " + task.devSplits()));
    }

    /** The dev split the paper reports on (MNLI: matched). */
    public GlueSplit primaryDev() {
        return dev(task.primaryDevSplit());
    }

    /** Every row left out while reading, over all splits. */
    public List<SkippedRow> skippedRows() {
        List<SkippedRow> all = new ArrayList<>(train.skippedRows());
        dev.forEach(split -> all.addAll(split.skippedRows()));
        return all;
    }

    /** A few lines for a run's log: sizes per split and the rows that were left out. */
    public String summary() {
        StringBuilder text = new StringBuilder(task.displayName()).append(" (").append(layout).append("):");
        for (GlueSplit split : allSplits()) {
            text.append(' ').append(split.name()).append(' ').append(split.size());
            if (!split.skippedRows().isEmpty()) {
                text.append(" (").append(split.skippedRows().size()).append(" malformed rows skipped)");
            }
        }
        for (SkippedRow row : skippedRows()) {
            text.append(System.lineSeparator()).append("  skipped ").append(row);
        }
        return text.toString();
    }

    private List<GlueSplit> allSplits() {
        List<GlueSplit> all = new ArrayList<>();
        all.add(train);
        all.addAll(dev);
        return all;
    }
}
