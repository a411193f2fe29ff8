package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.llama.KvCache;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.sites.ForwardContext;

/** Our LLaMA (RoPE, GQA, RMSNorm, SwiGLU) against HF transformers' LlamaForCausalLM. */
class LlamaParityTest {

    @Test
    void logitsLossFinalHiddenStateAndCachedGreedyContinuationMatchHfTransformers() throws Exception {
        Path folder = Fixtures.folder("llama-tiny");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile expected = SafetensorsFile.open(folder.resolve("expected.safetensors"))) {
            LlamaForCausalLM model = (LlamaForCausalLM) PretrainedModel.load(folder, manager).model();
            NDArray ids = expected.read("input_ids", manager);

            LlamaForCausalLM.Output out = model.forward(ids, ids, ForwardContext.inference(null));
            Fixtures.assertClose("last_hidden_state", out.lastHiddenState(), expected.read("last_hidden_state", manager), 1e-5);
            Fixtures.assertClose("logits", out.logits(), expected.read("logits", manager), 1e-5);
            Fixtures.assertClose("loss", out.loss().reshape(1), expected.read("loss", manager), 1e-5);

            long[] greedy = expected.readLongs("greedy_ids");
            assertThat(greedyThroughTheCache(model, ids.get("0:1, 0:6"), greedy.length - 6, manager)).containsExactly(greedy);
        }
    }

    /** The prompt at once, then one token per step from the cache, each the argmax of the last logits. */
    private static long[] greedyThroughTheCache(LlamaForCausalLM model, NDArray prompt, int newTokens, NDManager manager) {
        int promptLength = Math.toIntExact(prompt.getShape().get(1));
        long[] ids = java.util.Arrays.copyOf(prompt.toLongArray(), promptLength + newTokens);
        try (KvCache cache = model.newCache(manager, 1, promptLength + newTokens)) {
            NDArray input = prompt;
            for (int t = promptLength; t < ids.length; t++) {
                NDArray logits = model.lastLogits(input, 1, cache, ForwardContext.inference(null));
                ids[t] = logits.argMax(-1).toLongArray()[0];
                input = manager.create(new long[] {ids[t]}, new ai.djl.ndarray.types.Shape(1, 1));
            }
        }
        return ids;
    }
}
