package org.peftrepro.datasets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eight GLUE tasks of the LoR2C paper, described as the Hub's {@code nyu-mll/glue} dataset
 * describes them: its config names, its column names and its label ids (which the original GLUE
 * TSV files are mapped onto).
 */
public enum GlueTask {
    COLA("CoLA", "cola", "sentence", null,
            List.of("unacceptable", "acceptable"), List.of(GlueMetric.MATTHEWS), List.of("validation")),
    SST2("SST-2", "sst2", "sentence", null,
            List.of("negative", "positive"), List.of(GlueMetric.ACCURACY), List.of("validation")),
    MRPC("MRPC", "mrpc", "sentence1", "sentence2",
            List.of("not_equivalent", "equivalent"), List.of(GlueMetric.ACCURACY, GlueMetric.F1),
            List.of("validation")),
    STSB("STS-B", "stsb", "sentence1", "sentence2",
            List.of(), List.of(GlueMetric.PEARSON, GlueMetric.SPEARMAN), List.of("validation")),
    QQP("QQP", "qqp", "question1", "question2",
            List.of("not_duplicate", "duplicate"), List.of(GlueMetric.ACCURACY, GlueMetric.F1),
            List.of("validation")),
    MNLI("MNLI", "mnli", "premise", "hypothesis",
            List.of("entailment", "neutral", "contradiction"), List.of(GlueMetric.ACCURACY),
            List.of("validation_matched", "validation_mismatched")),
    QNLI("QNLI", "qnli", "question", "sentence",
            List.of("entailment", "not_entailment"), List.of(GlueMetric.ACCURACY), List.of("validation")),
    RTE("RTE", "rte", "sentence1", "sentence2",
            List.of("entailment", "not_entailment"), List.of(GlueMetric.ACCURACY), List.of("validation"));

    /** Name of the training split (the same in both layouts once mapped). */
    public static final String TRAIN = "train";

    /** STS-B similarity scores lie in this closed range. */
    public static final float MIN_SCORE = 0f;
    public static final float MAX_SCORE = 5f;

    private final String displayName;
    private final String hubConfig;
    private final String textAColumn;
    private final String textBColumn;
    private final List<String> labelNames;
    private final List<GlueMetric> metrics;
    private final List<String> devSplits;

    GlueTask(String displayName, String hubConfig, String textAColumn, String textBColumn,
            List<String> labelNames, List<GlueMetric> metrics, List<String> devSplits) {
        this.displayName = displayName;
        this.hubConfig = hubConfig;
        this.textAColumn = textAColumn;
        this.textBColumn = textBColumn;
        this.labelNames = labelNames;
        this.metrics = metrics;
        this.devSplits = devSplits;
    }

    /** The name papers use, which is also the folder name in the original GLUE download. */
    public String displayName() {
        return displayName;
    }

    /** The config (sub-folder) name in {@code nyu-mll/glue}. */
    public String hubConfig() {
        return hubConfig;
    }

    /** Column of the first sentence in the Hub's parquet files. */
    public String textAColumn() {
        return textAColumn;
    }

    /** Column of the second sentence in the Hub's parquet files, {@code null} for single-sentence tasks. */
    public String textBColumn() {
        return textBColumn;
    }

    public boolean isPair() {
        return textBColumn != null;
    }

    /** STS-B predicts a score in 0..5; every other task predicts a class. */
    public boolean isRegression() {
        return labelNames.isEmpty();
    }

    /** Class names in label-id order (id i is {@code labelNames().get(i)}); empty for STS-B. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** Size of the model's output: the number of classes, or 1 for the STS-B regression head. */
    public int numLabels() {
        return isRegression() ? 1 : labelNames.size();
    }

    /** Every metric reported for the task, the primary one first. */
    public List<GlueMetric> metrics() {
        return metrics;
    }

    /**
     * The metric the LoR2C paper reports in its GLUE table: Matthews correlation for CoLA, Pearson
     * for STS-B, accuracy for the rest (MRPC and QQP included; MNLI on the matched dev set).
     */
    public GlueMetric primaryMetric() {
        return metrics.get(0);
    }

    /** Dev split names as the Hub names them; MNLI has a matched and a mismatched one. */
    public List<String> devSplits() {
        return devSplits;
    }

    /** The dev split the paper's number is measured on. */
    public String primaryDevSplit() {
        return devSplits.get(0);
    }

    /** Every metric of the task for class predictions, in {@link #metrics()} order. */
    public Map<GlueMetric, Double> score(int[] predictedLabels, List<Example> gold) {
        if (isRegression()) {
            throw new IllegalArgumentException(displayName + " is scored on real-valued predictions");
        }
        int[] goldLabels = gold.stream().mapToInt(Example::label).toArray();
        Map<GlueMetric, Double> scores = new LinkedHashMap<>();
        for (GlueMetric metric : metrics) {
            scores.put(metric, metric.compute(predictedLabels, goldLabels));
        }
        return scores;
    }

    /** Every metric of the task for real-valued predictions (STS-B), in {@link #metrics()} order. */
    public Map<GlueMetric, Double> score(float[] predictedScores, List<Example> gold) {
        if (!isRegression()) {
            throw new IllegalArgumentException(displayName + " is scored on class predictions");
        }
        double[] predicted = new double[predictedScores.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = predictedScores[i];
        }
        double[] goldScores = gold.stream().mapToDouble(Example::score).toArray();
        Map<GlueMetric, Double> scores = new LinkedHashMap<>();
        for (GlueMetric metric : metrics) {
            scores.put(metric, metric.compute(predicted, goldScores));
        }
        return scores;
    }

    /** Class id of a label name, or -1 when the task has no such label. */
    public int labelId(String name) {
        return labelNames.indexOf(name);
    }

    /** Finds a task by display name, Hub config or enum name, ignoring case: "SST-2", "sst2", "SST2". */
    public static GlueTask parse(String name) {
        for (GlueTask task : values()) {
            if (task.displayName.equalsIgnoreCase(name) || task.hubConfig.equalsIgnoreCase(name)
                    || task.name().equalsIgnoreCase(name)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown GLUE task '" + name + "'; known: "
                + Arrays.stream(values()).map(GlueTask::displayName).toList());
    }
}
