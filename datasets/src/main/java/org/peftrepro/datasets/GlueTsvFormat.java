package org.peftrepro.datasets;

import java.util.List;

/**
 * Where a task's fields sit in the original GLUE TSV files. Columns are found by header name, which
 * puts them where the GLUE files have them (STS-B: sentences in columns 7 and 8, score in 9; MNLI:
 * sentence1 and sentence2 in 8 and 9, gold_label last, in train's 12 columns as in dev's 16).
 *
 * @param impliedHeader column names of a file without a header line (CoLA), {@code null} when the
 *     file's first line is its header
 * @param textAColumn column of the first sentence
 * @param textBColumn column of the second sentence, {@code null} for single-sentence tasks
 * @param labelColumn column of the label
 * @param labelKind how the label is written
 */
record GlueTsvFormat(List<String> impliedHeader, String textAColumn, String textBColumn, String labelColumn,
        LabelKind labelKind) {

    /** How a label is written in a TSV file. */
    enum LabelKind {
        /** the class id as a number ("0", "1") */
        CLASS_ID,
        /** the class name ("entailment") */
        CLASS_NAME,
        /** a similarity score in 0..5 ("3.800") */
        SCORE
    }

    /** CoLA's train and dev files have no header line; these are the columns the GLUE paper describes. */
    static final List<String> COLA_COLUMNS = List.of("source", "label", "original_label", "sentence");

    static GlueTsvFormat of(GlueTask task) {
        return switch (task) {
            case COLA -> new GlueTsvFormat(COLA_COLUMNS, "sentence", null, "label", LabelKind.CLASS_ID);
            case SST2 -> new GlueTsvFormat(null, "sentence", null, "label", LabelKind.CLASS_ID);
            case MRPC -> new GlueTsvFormat(null, "#1 String", "#2 String", "Quality", LabelKind.CLASS_ID);
            case STSB -> new GlueTsvFormat(null, "sentence1", "sentence2", "score", LabelKind.SCORE);
            case QQP -> new GlueTsvFormat(null, "question1", "question2", "is_duplicate", LabelKind.CLASS_ID);
            case MNLI -> new GlueTsvFormat(null, "sentence1", "sentence2", "gold_label", LabelKind.CLASS_NAME);
            case QNLI -> new GlueTsvFormat(null, "question", "sentence", "label", LabelKind.CLASS_NAME);
            case RTE -> new GlueTsvFormat(null, "sentence1", "sentence2", "label", LabelKind.CLASS_NAME);
        };
    }

    /** The TSV file of a split: "train" is train.tsv, "validation_matched" is dev_matched.tsv. */
    static String fileName(String split) {
        return split.replace("validation", "dev") + ".tsv";
    }

    /**
     * Whether rows with missing fields are left out (and reported) instead of failing the read.
     * The published QQP train file has a few rows with missing fields, and the MNLI files are the
     * ones whose rows break under quote-aware readers; HF's GLUE loader drops such rows too.
     */
    static boolean skipsMalformedRows(GlueTask task, String split) {
        return (task == GlueTask.QQP && split.equals(GlueTask.TRAIN)) || task == GlueTask.MNLI;
    }
}
