package org.peftrepro.datasets;

import java.util.AbstractList;
import java.util.List;

/**
 * The batches of one pass over a list of examples. Each batch is built (padded) when it is asked
 * for, and not kept.
 */
public final class Batches extends AbstractList<Batch> {

    private final Batcher batcher;
    private final List<EncodedExample> examples;
    private final List<int[]> groups;

    Batches(Batcher batcher, List<EncodedExample> examples, List<int[]> groups) {
        this.batcher = batcher;
        this.examples = examples;
        this.groups = groups;
    }

    @Override
    public Batch get(int index) {
        return batcher.build(examples, groups.get(index));
    }

    @Override
    public int size() {
        return groups.size();
    }

    /** Number of examples covered by all batches together. */
    public int exampleCount() {
        return examples.size();
    }
}
