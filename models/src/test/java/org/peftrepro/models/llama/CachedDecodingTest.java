package org.peftrepro.models.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.sites.ForwardContext;

/**
 * The cached route and padded batches against plain forward passes over whole, unpadded sequences, on random
 * weights large enough (std 0.2) that a wrong mask, position or cache slot changes the logits visibly.
 */
class CachedDecodingTest {
    /** Two layers, grouped-query attention (4 query heads on 2 key/value heads), RoPE theta 1e4. */
    static final LlamaConfig TINY = new LlamaConfig(50, 32, 64, 2, 4, 2, 8, 1e-5, 10000.0, 64, false, false, false,
            0.2, List.of("LlamaForCausalLM"));
    private static final long[] SEQUENCE = {3, 17, 42, 8, 8, 23, 5, 11, 30, 2};

    @Test
    void prefillThenOneTokenPerStepGivesTheLogitsOfTheFullForwardPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LlamaForCausalLM model = randomModel(manager);
            NDArray full = model.forward(ids(manager, SEQUENCE), null, ForwardContext.inference(null)).logits();

            try (KvCache cache = model.newCache(manager, 1, SEQUENCE.length)) {
                int prompt = 4;
                NDArray prefill = model.lastLogits(ids(manager, slice(SEQUENCE, 0, prompt)), prompt, cache,
                        ForwardContext.inference(null));
                assertClose(prefill, full.get(":, 0:" + prompt + ", :"));
                for (int t = prompt; t < SEQUENCE.length; t++) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray logits = model.lastLogits(ids(step, SEQUENCE[t]), 1, cache, ForwardContext.inference(null));
                        assertClose(logits, full.get(":, " + t + ":" + (t + 1) + ", :"));
                    }
                }
                assertThat(cache.length()).isEqualTo(SEQUENCE.length);
            }
        }
    }

    @Test
    void leftPaddedSequencesGetTheLogitsTheyGetAloneInPlainAndCachedPasses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LlamaForCausalLM model = randomModel(manager);
            long[] shorter = {9, 4, 33};
            long[] longer = slice(SEQUENCE, 0, 6);
            NDArray aloneShort = model.forward(ids(manager, shorter), null, ForwardContext.inference(null)).logits();
            NDArray aloneLong = model.forward(ids(manager, longer), null, ForwardContext.inference(null)).logits();

            // Left padding: three pads (id 1) before the shorter sequence.
            NDArray batch = manager.create(new long[] {1, 1, 1, 9, 4, 33, 3, 17, 42, 8, 8, 23}, new Shape(2, 6));
            NDArray mask = manager.create(new long[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, new Shape(2, 6));
            NDArray padded = model.forward(batch, null, ForwardContext.inference(mask)).logits();
            assertClose(padded.get("0:1, 3:, :"), aloneShort);
            assertClose(padded.get("1:2, :, :"), aloneLong);

            try (KvCache cache = model.newCache(manager, 2, 7)) {
                model.lastLogits(batch, 1, cache, ForwardContext.inference(mask));
                // Both sequences take one more token: the shorter goes on at its own position 3, not 6.
                NDArray next = model.lastLogits(manager.create(new long[] {12, 5}, new Shape(2, 1)), 1, cache,
                        ForwardContext.inference(null));
                NDArray shortNext = model.forward(ids(manager, 9, 4, 33, 12), null, ForwardContext.inference(null)).logits();
                NDArray longNext = model.forward(ids(manager, 3, 17, 42, 8, 8, 23, 5), null, ForwardContext.inference(null)).logits();
                assertClose(next.get("0:1"), shortNext.get(":, 3:4, :"));
                assertClose(next.get("1:2"), longNext.get(":, 6:7, :"));
            }
        }
    }

    @Test
    void lastLogitsAreTheLastPositionsOfTheFullLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LlamaForCausalLM model = randomModel(manager);
            NDArray ids = ids(manager, SEQUENCE);
            NDArray full = model.forward(ids, null, ForwardContext.inference(null)).logits();
            assertClose(model.lastLogits(ids, 3, ForwardContext.inference(null)), full.get(":, 7:, :"));
        }
    }

    @Test
    void aStepLeavesNothingBehindButWhatTheCacheHolds() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LlamaForCausalLM model = randomModel(manager);
            NDArray mask = manager.create(new long[] {0, 1, 1, 1, 1, 1, 1, 1}, new Shape(2, 4));
            try (KvCache cache = model.newCache(manager, 2, 20)) {
                try (NDManager step = manager.newSubManager()) {
                    model.lastLogits(step.create(new long[] {1, 5, 6, 7, 8, 9, 10, 11}, new Shape(2, 4)), 1, cache,
                            ForwardContext.inference(mask));
                }
                int arrays = manager.getManagedArrays().size();
                for (int t = 0; t < 10; t++) {
                    try (NDManager step = manager.newSubManager()) {
                        model.lastLogits(step.create(new long[] {12, 13}, new Shape(2, 1)), 1, cache, ForwardContext.inference(null));
                    }
                }
                assertThat(manager.getManagedArrays()).hasSize(arrays);
            }
        }
    }

    @Test
    void aCacheRefusesMorePositionsThanItsCapacity() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LlamaForCausalLM model = randomModel(manager);
            try (KvCache cache = model.newCache(manager, 1, 3)) {
                assertThatThrownBy(() -> model.lastLogits(ids(manager, 1, 2, 3, 4), 1, cache, ForwardContext.inference(null)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds 3 positions");
            }
        }
    }

    static LlamaForCausalLM randomModel(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        LlamaForCausalLM model = new LlamaForCausalLM(TINY);
        ModelWeights.initializeAll(model, manager, TINY.initializerRange());
        return model;
    }

    private static NDArray ids(NDManager manager, long... ids) {
        return manager.create(ids, new Shape(1, ids.length));
    }

    private static long[] slice(long[] values, int from, int to) {
        return java.util.Arrays.copyOfRange(values, from, to);
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        assertThat(worst).as("max abs difference of the logits").isLessThan(1e-5);
    }
}
