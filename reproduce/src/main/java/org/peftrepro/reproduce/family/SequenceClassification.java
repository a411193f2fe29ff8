package org.peftrepro.reproduce.family;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.peftrepro.datasets.Batch;
import org.peftrepro.datasets.Batcher;
import org.peftrepro.datasets.EncodedExample;
import org.peftrepro.datasets.Example;
import org.peftrepro.datasets.GlueData;
import org.peftrepro.datasets.GlueSplit;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.TextEncoder;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.reproduce.engine.Hyperparameters;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.RunConfig;
import org.peftrepro.reproduce.engine.TaskData;
import org.peftrepro.reproduce.engine.TaskFamily;
import org.peftrepro.reproduce.engine.TensorBatch;

/**
 * GLUE as the LoR2C and Lily papers fine-tune on it: a RoBERTa encoder with a classification (or, for STS-B,
 * regression) head on the first token, cross-entropy (mean squared error) loss, and the task's metrics on its
 * dev split(s) (MNLI: matched and mismatched), the primary one as the paper reports it.
 */
public final class SequenceClassification implements TaskFamily<SequenceClassifier, SequenceClassification.Data> {
    public static final String NAME = "sequence-classification";

    /** The task of a run of this family. */
    public static GlueTask task(RunConfig config) {
        return GlueTask.parse(config.task().name());
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The encoded training set (a seeded subsample at the quick scale), its epochs' batch orders drawn from
     * (seed, epoch), and the dev splits.
     */
    public static final class Data implements TaskData {
        private final TextEncoder encoder;
        private final Batcher batcher;
        private final List<EncodedExample> train;
        private final List<GlueSplit> devSplits;
        private final List<List<EncodedExample>> devEncoded;
        private final GlueTask task;
        private final long seed;

        Data(TextEncoder encoder, Batcher batcher, List<EncodedExample> train, List<GlueSplit> devSplits,
                List<List<EncodedExample>> devEncoded, GlueTask task, long seed) {
            this.encoder = encoder;
            this.batcher = batcher;
            this.train = train;
            this.devSplits = devSplits;
            this.devEncoded = devEncoded;
            this.task = task;
            this.seed = seed;
        }

        @Override
        public List<Batch> trainingBatches(int epoch) {
            return batcher.trainingBatches(train, seed, epoch);
        }

        @Override
        public int batchesPerEpoch() {
            return (int) Math.ceil(train.size() / (double) batcher.batchSize());
        }

        @Override
        public void close() {
            encoder.close();
        }
    }

    @Override
    public Data prepare(RunConfig config, ProgressListener progress) throws IOException {
        Hyperparameters hp = config.hyperparameters();
        GlueTask task = task(config);
        GlueData data = GlueData.load(config.data().folder(), task);
        List<Example> train = subsample(data.train().examples(), hp.maxTrainExamples(), config.seed());
        TextEncoder encoder = TextEncoder.load(config.model().folder().resolve("tokenizer.json"), hp.maxLength());
        try {
            List<EncodedExample> trainEncoded = encoder.encodeAll(train);
            List<List<EncodedExample>> devEncoded = new ArrayList<>();
            List<GlueSplit> devSplits = new ArrayList<>();
            for (GlueSplit split : data.dev()) {
                List<Example> examples = subsample(split.examples(), hp.maxDevExamples(), config.seed());
                devSplits.add(new GlueSplit(split.name(), examples, split.files(), split.skippedRows()));
                devEncoded.add(encoder.encodeAll(examples));
            }
            Batcher batcher = new Batcher(hp.batchSize(), encoder.padId(), hp.maxLength(),
                    hp.padToCap() ? Batcher.Padding.MAX_LENGTH : Batcher.Padding.LONGEST);
            return new Data(encoder, batcher, trainEncoded, devSplits, devEncoded, task, config.seed());
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    @Override
    public SequenceClassifier loadModel(RunConfig config, NDManager manager, ProgressListener progress)
            throws IOException {
        PretrainedModel loaded = PretrainedModel.loadClassifier(config.model().folder(), task(config).numLabels(), manager);
        if (!loaded.report().initialized().isEmpty()) {
            progress.message(config.runId() + ": " + loaded.report().summary());
        }
        return (SequenceClassifier) loaded.model();
    }

    @Override
    public NDArray loss(SequenceClassifier model, TensorBatch t, ForwardContext context) {
        return model.forward(t.inputIds(), t.attentionMask(), t.tokenTypeIds(), t.labels(), context).loss();
    }

    /** Every dev split; the second and later ones add their name to the metric keys (MNLI's {@code _mismatched}). */
    @Override
    public Map<String, Double> evaluate(SequenceClassifier model, Data data, NDManager manager) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < data.devSplits.size(); i++) {
            String suffix = i == 0 ? "" : "_" + data.devSplits.get(i).name().replace("validation_", "").replace("dev_", "");
            metrics.putAll(Evaluator.evaluate(model, data.task, data.devSplits.get(i), data.devEncoded.get(i),
                    data.batcher, manager, suffix));
        }
        return metrics;
    }

    @Override
    public MetricGoal primaryMetric(RunConfig config) {
        return new MetricGoal(task(config).primaryMetric().key(), true);
    }

    /** The first {@code max} examples of a seeded shuffle (all when max is 0 or more than there are). */
    static List<Example> subsample(List<Example> examples, int max, long seed) {
        if (max <= 0 || examples.size() <= max) {
            return examples;
        }
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, max));
    }
}
