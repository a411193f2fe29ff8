package org.peftrepro.datasets;

/**
 * An example as token ids, unpadded. Ids are kept as {@code int} to halve the memory of a tokenized
 * training set (MNLI has 393k examples); batches widen them to {@code long}.
 *
 * @param inputIds token ids, special tokens included
 * @param typeIds token type ids (all 0 for RoBERTa), as long as {@code inputIds}
 * @param label class id, or {@link Example#NO_LABEL}
 * @param score STS-B score, or {@code NaN}
 */
public record EncodedExample(int[] inputIds, int[] typeIds, int label, float score) {

    public EncodedExample {
        if (inputIds.length != typeIds.length) {
            throw new IllegalArgumentException(inputIds.length + " token ids but " + typeIds.length + " type ids");
        }
    }

    public int length() {
        return inputIds.length;
    }
}
