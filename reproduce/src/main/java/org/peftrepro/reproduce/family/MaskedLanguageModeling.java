package org.peftrepro.reproduce.family;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.peftrepro.datasets.Batch;
import org.peftrepro.datasets.EncodedExample;
import org.peftrepro.models.roberta.RobertaForMaskedLM;
import org.peftrepro.reproduce.engine.TrainingObjective;

/**
 * Masked-LM pretraining, BERT's recipe, as the smoke model is made: sentences drawn at random from a corpus,
 * 15% of their tokens predicted (of those, 80% replaced by {@code <mask>}, 10% by a random token, 10% left), the
 * loss the cross-entropy over the predicted positions.
 */
public final class MaskedLanguageModeling {
    private MaskedLanguageModeling() {}

    /** The model's masked-LM loss of a batch whose token labels mark the predicted positions. */
    public static TrainingObjective objective(RobertaForMaskedLM model) {
        return (batch, context) -> model.forward(batch.inputIds(), batch.attentionMask(), batch.labels(), context)[1];
    }

    /**
     * {@code count} batches of {@code batchSize} sentences drawn with replacement from {@code corpus}, each padded
     * to its longest sentence, masked as BERT does; the first and last token of a sentence ({@code <s>},
     * {@code </s>}) are never predicted. The draws follow {@code random} in batch order.
     *
     * @param firstWordId ids below it are special tokens, never drawn as random replacements
     */
    public static List<Batch> maskedBatches(List<EncodedExample> corpus, int count, int batchSize, Random random,
            int vocab, int maskId, int padId, int firstWordId) {
        List<Batch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batches.add(maskedBatch(corpus, batchSize, random, vocab, maskId, padId, firstWordId));
        }
        return batches;
    }

    private static Batch maskedBatch(List<EncodedExample> corpus, int batchSize, Random random, int vocab, int maskId,
            int padId, int firstWordId) {
        List<EncodedExample> rows = new ArrayList<>();
        int longest = 0;
        for (int i = 0; i < batchSize; i++) {
            EncodedExample e = corpus.get(random.nextInt(corpus.size()));
            rows.add(e);
            longest = Math.max(longest, e.length());
        }
        long[] ids = new long[batchSize * longest];
        long[] mask = new long[ids.length];
        long[] labels = new long[ids.length];
        Arrays.fill(ids, padId);
        Arrays.fill(labels, Batch.IGNORED);
        for (int r = 0; r < rows.size(); r++) {
            int[] tokens = rows.get(r).inputIds();
            for (int t = 0; t < tokens.length; t++) {
                int cell = r * longest + t;
                ids[cell] = tokens[t];
                mask[cell] = 1;
                boolean special = t == 0 || t == tokens.length - 1;
                if (!special && random.nextDouble() < 0.15) {
                    labels[cell] = tokens[t];
                    double u = random.nextDouble();
                    ids[cell] = u < 0.8 ? maskId : u < 0.9 ? firstWordId + random.nextInt(vocab - firstWordId) : tokens[t];
                }
            }
        }
        return Batch.ofTokenLabels(batchSize, longest, ids, mask, labels);
    }
}
