package org.peftrepro.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * One split of a GLUE task as read from disk.
 *
 * @param name the split name as the Hub names it ("train", "validation", "validation_matched", ...)
 * @param examples the examples in file order
 * @param files the files read, in the order read
 * @param skippedRows rows left out because the published file is known to contain them (QQP train, MNLI)
 */
public record GlueSplit(String name, List<Example> examples, List<Path> files, List<SkippedRow> skippedRows) {

    public GlueSplit {
        examples = List.copyOf(examples);
        files = List.copyOf(files);
        skippedRows = List.copyOf(skippedRows);
    }

    public int size() {
        return examples.size();
    }
}
