package org.peftrepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BatcherTest {

    private static final int PAD = 1;

    /** Example i has i + 2 tokens with ids 10*i+1, 10*i+2, ...; type ids alternate; label i % 3. */
    private static List<EncodedExample> examples(int count) {
        List<EncodedExample> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = i + 2;
            int base = 10 * i;
            examples.add(new EncodedExample(IntStream.range(0, length).map(t -> base + t + 1).toArray(),
                    IntStream.range(0, length).map(t -> t % 2).toArray(), i % 3, Float.NaN));
        }
        return examples;
    }

    @Test
    void padsToTheLongestExampleOfTheBatch() {
        // examples of 2 and 3 tokens
        Batch batch = new Batcher(2, PAD, 16, Batcher.Padding.LONGEST).evaluationBatches(examples(2)).get(0);

        assertThat(batch.batchSize()).isEqualTo(2);
        assertThat(batch.seqLen()).isEqualTo(3);
        // longest first: example 1 (ids 11,12,13), then example 0 (ids 1,2 and a pad)
        assertThat(batch.exampleIndices()).containsExactly(1, 0);
        assertThat(batch.inputIds()).containsExactly(11, 12, 13, 1, 2, PAD);
        assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 1, 1, 0);
        assertThat(batch.tokenTypeIds()).containsExactly(0, 1, 0, 0, 1, 0);
        assertThat(batch.labels()).containsExactly(1, 0);
        assertThat(batch.targets()).isNull();
        assertThat(batch.tokenCount()).isEqualTo(5);
    }

    @Test
    void padsToTheCapWhenAsked() {
        Batch batch = new Batcher(2, PAD, 5, Batcher.Padding.MAX_LENGTH).evaluationBatches(examples(2)).get(0);

        assertThat(batch.seqLen()).isEqualTo(5);
        assertThat(batch.inputIds()).containsExactly(11, 12, 13, PAD, PAD, 1, 2, PAD, PAD, PAD);
        assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 0, 0, 1, 1, 0, 0, 0);
    }

    @Test
    void regressionBatchesCarryTargets() {
        List<EncodedExample> scored = List.of(new EncodedExample(new int[] {5, 6}, new int[] {0, 0},
                Example.NO_LABEL, 3.5f));

        Batch batch = new Batcher(4, PAD, 8, Batcher.Padding.LONGEST).evaluationBatches(scored).get(0);

        assertThat(batch.isRegression()).isTrue();
        assertThat(batch.targets()).containsExactly(3.5f);
        assertThat(batch.labels()).isNull();
    }

    @Test
    void trainingOrderIsReproduciblePerSeedAndEpoch() {
        List<EncodedExample> examples = examples(10);
        Batcher batcher = new Batcher(3, PAD, 16, Batcher.Padding.LONGEST);

        List<Integer> epoch0 = order(batcher.trainingBatches(examples, 17, 0));
        List<Integer> epoch0Again = order(new Batcher(3, PAD, 16, Batcher.Padding.LONGEST)
                .trainingBatches(examples, 17, 0));
        List<Integer> epoch1 = order(batcher.trainingBatches(examples, 17, 1));
        List<Integer> otherSeed = order(batcher.trainingBatches(examples, 18, 0));

        assertThat(epoch0).isEqualTo(epoch0Again);
        assertThat(epoch0).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(epoch1).containsExactlyInAnyOrderElementsOf(epoch0).isNotEqualTo(epoch0);
        assertThat(otherSeed).isNotEqualTo(epoch0);
    }

    @Test
    void theLastBatchHoldsTheRemainder() {
        Batches batches = new Batcher(4, PAD, 16, Batcher.Padding.LONGEST).trainingBatches(examples(10), 1, 0);

        assertThat(batches).hasSize(3);
        assertThat(batches).extracting(Batch::batchSize).containsExactly(4, 4, 2);
        assertThat(batches.exampleCount()).isEqualTo(10);
    }

    @Test
    void batchRowsMatchTheirExamples() {
        List<EncodedExample> examples = examples(7);
        for (Batch batch : new Batcher(3, PAD, 16, Batcher.Padding.LONGEST).trainingBatches(examples, 5, 2)) {
            for (int row = 0; row < batch.batchSize(); row++) {
                EncodedExample example = examples.get(batch.exampleIndices()[row]);
                for (int t = 0; t < batch.seqLen(); t++) {
                    long id = batch.inputIds()[row * batch.seqLen() + t];
                    assertThat(id).isEqualTo(t < example.length() ? example.inputIds()[t] : PAD);
                }
                assertThat(batch.labels()[row]).isEqualTo(example.label());
            }
        }
    }

    @Test
    void evaluationBatchesGroupByLengthAndPredictionsReturnToExampleOrder() {
        List<EncodedExample> examples = examples(5); // lengths 2..6
        Batches batches = new Batcher(2, PAD, 16, Batcher.Padding.LONGEST).evaluationBatches(examples);

        assertThat(order(batches)).containsExactly(4, 3, 2, 1, 0);
        assertThat(batches).extracting(Batch::seqLen).containsExactly(6, 4, 2);

        PredictionCollector collector = new PredictionCollector(examples.size());
        for (Batch batch : batches) {
            // predict "10 times the example's first token id": example i's first id is 10*i+1
            int[] predicted = new int[batch.batchSize()];
            for (int row = 0; row < predicted.length; row++) {
                predicted[row] = (int) batch.inputIds()[row * batch.seqLen()] * 10;
            }
            collector.addLabels(batch, predicted);
        }

        assertThat(collector.labels()).containsExactly(10, 110, 210, 310, 410);
    }

    @Test
    void collectorRefusesIncompleteOrRepeatedPredictions() {
        Batches batches = new Batcher(2, PAD, 16, Batcher.Padding.LONGEST).evaluationBatches(examples(3));
        PredictionCollector collector = new PredictionCollector(3);
        collector.addScores(batches.get(0), new float[] {0.5f, 1.5f});

        assertThatThrownBy(collector::scores).hasMessageContaining("1 of 3 examples have no prediction yet");
        assertThatThrownBy(() -> collector.addScores(batches.get(0), new float[] {0f, 0f}))
                .hasMessageContaining("predicted twice");
        assertThatThrownBy(() -> collector.addScores(batches.get(1), new float[] {0f, 0f}))
                .hasMessageContaining("2 predictions for a batch of 1");
    }

    @Test
    void anExampleLongerThanTheCapIsAnError() {
        Batches batches = new Batcher(2, PAD, 3, Batcher.Padding.MAX_LENGTH).evaluationBatches(examples(3));

        assertThatThrownBy(() -> batches.get(0)).hasMessageContaining("example 2 has 4 tokens, more than the cap of 3");
    }

    private static List<Integer> order(Iterable<Batch> batches) {
        List<Integer> order = new ArrayList<>();
        for (Batch batch : batches) {
            for (int index : batch.exampleIndices()) {
                order.add(index);
            }
        }
        return order;
    }
}
