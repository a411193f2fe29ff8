package org.peftrepro.datasets;

import java.nio.file.Path;

/**
 * A generated smoke folder.
 *
 * @param folder the folder, in the GLUE TSV layout ({@link GlueData#load} reads it)
 * @param tokenizer its {@code tokenizer.json}
 * @param corpus its {@code corpus.txt}: unlabelled sentences, one per line
 * @param vocabularySize number of token ids (special tokens included), for sizing a model's embeddings
 */
public record SmokeFolder(Path folder, Path tokenizer, Path corpus, int vocabularySize) {
}
