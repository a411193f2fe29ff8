package org.peftrepro.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values of every layer for one batch being decoded, so that each new token attends to the earlier
 * ones without recomputing them. Allocated once, for the whole generation: per layer one key and one value array of
 * (batch, kvHeads, capacity, headDim), written in place as positions are added. The cache also keeps which of its
 * positions hold a token and which hold padding (left padding of prompts of different lengths), from which the
 * model derives attention masks and rotary positions as HF does.
 *
 * <p>A forward pass adds its positions with {@link #begin}; each layer then stores its new keys and values with
 * {@link #store} and reads all of them back with {@link #keys} and {@link #values}, views that live in the caller's
 * (per-step) manager, so nothing of a step outlives it but what the cache holds. Closing the cache frees its arrays.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    /** (batch, capacity) int64: 1 where a position holds a token, 0 where it holds padding or nothing yet. */
    private final NDArray tokenMask;
    private final int capacity;
    private int start;
    private int length;

    KvCache(NDManager parent, int layers, long batch, long kvHeads, int capacity, long headDim) {
        if (batch < 1 || capacity < 1) {
            throw new IllegalArgumentException("a cache needs a batch and a capacity of at least 1, got batch " + batch
                    + ", capacity " + capacity);
        }
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        Shape shape = new Shape(batch, kvHeads, capacity, headDim);
        for (int i = 0; i < layers; i++) {
            keys[i] = manager.zeros(shape, DataType.FLOAT32);
            values[i] = manager.zeros(shape, DataType.FLOAT32);
        }
        this.tokenMask = manager.zeros(new Shape(batch, capacity), DataType.INT64);
    }

    /** Positions filled so far, padding included. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    public long batchSize() {
        return tokenMask.getShape().get(0);
    }

    /**
     * Adds {@code n} positions for the forward pass about to run.
     *
     * @param newMask (batch, n) with 1 for tokens and 0 for padding, or null when all are tokens
     * @return the first of the new positions
     */
    int begin(NDArray newMask, int n) {
        if (length + n > capacity) {
            throw new IllegalStateException("the cache holds " + capacity + " positions; " + length + " are used and "
                    + n + " more were asked for");
        }
        start = length;
        length += n;
        NDIndex span = new NDIndex(":, " + start + ":" + length);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray mask = newMask == null
                    ? scratch.ones(new Shape(batchSize(), n), DataType.INT64)
                    : newMask.toType(DataType.INT64, true);
            mask.attach(scratch);
            tokenMask.set(span, mask);
        }
        return start;
    }

    /** Which positions [0, length) hold tokens: (batch, length) int64, in {@code into}. */
    NDArray tokenMask(NDManager into) {
        return tokenMask.get(into, new NDIndex(":, 0:" + length));
    }

    /** Writes a layer's keys and values of the current pass, (batch, kvHeads, n, headDim) each, at their positions. */
    void store(int layer, NDArray newKeys, NDArray newValues) {
        NDIndex span = new NDIndex(":, :, " + start + ":" + length);
        keys[layer].set(span, newKeys);
        values[layer].set(span, newValues);
    }

    /** A layer's keys at positions [0, length): (batch, kvHeads, length, headDim), a view in {@code into}. */
    NDArray keys(int layer, NDManager into) {
        return keys[layer].get(into, new NDIndex(":, :, 0:" + length));
    }

    /** A layer's values at positions [0, length), as {@link #keys}. */
    NDArray values(int layer, NDManager into) {
        return values[layer].get(into, new NDIndex(":, :, 0:" + length));
    }

    @Override
    public void close() {
        manager.close();
    }
}
