package org.peftrepro.reproduce.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count. A CPU run repeats number for number at a given count, but not across
 * counts: libtorch, and the BLAS under it, split large sums and products among the threads, and the order
 * in which floats are added changes the last bits (the smoke model pretrained with 1 thread is not the one
 * pretrained with 2). Every run records the count;
 * setting it lets a machine with more cores repeat the numbers of one with fewer.
 */
public final class CpuThreads {
    private CpuThreads() {}

    public static int current() {
        Engine.getInstance(); // loads libtorch
        return JniUtils.getNumThreads();
    }

    /** Sets the count for the rest of the process; returns the previous one. */
    public static int set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the CPU thread count must be 1 or more, got " + threads);
        }
        int previous = current();
        JniUtils.setNumThreads(threads);
        return previous;
    }
}
