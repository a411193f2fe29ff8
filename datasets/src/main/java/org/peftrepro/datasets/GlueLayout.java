package org.peftrepro.datasets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The two ways GLUE is published on disk. */
public enum GlueLayout {
    /** The Hub's {@code nyu-mll/glue}: {@code <folder>/<config>/<split>-*.parquet}, e.g. {@code mnli/validation_matched-00000-of-00001.parquet}. */
    HUB_PARQUET,
    /** The original GLUE download: {@code <folder>/<Task>/*.tsv}, e.g. {@code MNLI/dev_matched.tsv}. */
    GLUE_TSV;

    /**
     * Tells which layout a folder holds, from the task sub-folders it contains.
     *
     * @throws IOException when the folder holds neither layout, or both
     */
    public static GlueLayout detect(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "not a folder of GLUE data");
        }
        boolean hub = false;
        boolean tsv = false;
        for (GlueTask task : GlueTask.values()) {
            hub |= containsFileEndingWith(folder.resolve(task.hubConfig()), ".parquet");
            tsv |= containsFileEndingWith(folder.resolve(task.displayName()), ".tsv");
        }
        if (hub && tsv) {
            throw new IOException(folder + " holds both the Hub's parquet layout (e.g. cola/*.parquet) and the"
                    + " GLUE TSV layout (e.g. CoLA/*.tsv); keep one of them in the folder");
        }
        if (!hub && !tsv) {
            throw new IOException(folder + " holds no GLUE data: expected sub-folders named by Hub config"
                    + " with parquet files (cola/train-00000-of-00001.parquet, ...) or by GLUE task with TSV"
                    + " files (CoLA/train.tsv, SST-2/dev.tsv, ...)");
        }
        return hub ? HUB_PARQUET : GLUE_TSV;
    }

    private static boolean containsFileEndingWith(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + suffix)) {
            return entries.iterator().hasNext();
        }
    }
}
