package org.peftrepro.evaluation.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.sites.ForwardContext;

/**
 * Scores continuations given contexts in one forward pass per batch. The model reads context + continuation minus
 * its last token; the continuation's i-th token is scored by the log-softmax of the logits at the position before
 * it. Sequences are padded on the left, so every continuation ends at the last position and only the last
 * (longest continuation) positions go through the LM head.
 */
public final class LogLikelihoods {
    private final LlamaForCausalLM model;
    private final NDManager manager;
    private final int maxLength;

    /**
     * @param maxLength the most positions the model reads; longer requests lose tokens from the left of the
     *     context, as in lm-evaluation-harness
     */
    public LogLikelihoods(LlamaForCausalLM model, NDManager manager, int maxLength) {
        this.model = model;
        this.manager = manager;
        this.maxLength = maxLength;
    }

    /** One batch of (context ids, continuation ids) pairs, in order. */
    public List<LogLikelihood> score(List<CausalTokenizer.ContextContinuation> requests, int padId) {
        int batch = requests.size();
        long[][] inputs = new long[batch][];
        int[][] targets = new int[batch][];
        int longestInput = 0;
        int longestContinuation = 0;
        for (int i = 0; i < batch; i++) {
            CausalTokenizer.ContextContinuation request = requests.get(i);
            if (request.continuation().length == 0) {
                throw new IllegalArgumentException("request " + i + ": the continuation has no tokens to score");
            }
            int[] whole = concat(request.context(), request.continuation());
            // lm-eval: the last maxLength + 1 tokens, the final one only as a target.
            int from = Math.max(0, whole.length - (maxLength + 1));
            inputs[i] = Arrays.stream(Arrays.copyOfRange(whole, from, whole.length - 1)).asLongStream().toArray();
            targets[i] = request.continuation();
            if (targets[i].length > inputs[i].length) {
                throw new IllegalArgumentException("request " + i + ": a continuation of " + targets[i].length
                        + " tokens does not fit the model's " + maxLength + " positions");
            }
            longestInput = Math.max(longestInput, inputs[i].length);
            longestContinuation = Math.max(longestContinuation, targets[i].length);
        }
        long[] ids = new long[batch * longestInput];
        long[] mask = new long[batch * longestInput];
        // The continuation's tokens against the last `longestContinuation` positions; 0 where a row has none.
        long[] targetGrid = new long[batch * longestContinuation];
        for (int i = 0; i < batch; i++) {
            int pad = longestInput - inputs[i].length;
            Arrays.fill(ids, i * longestInput, i * longestInput + pad, padId);
            System.arraycopy(inputs[i], 0, ids, i * longestInput + pad, inputs[i].length);
            Arrays.fill(mask, i * longestInput + pad, (i + 1) * longestInput, 1);
            int skip = longestContinuation - targets[i].length;
            for (int t = 0; t < targets[i].length; t++) {
                targetGrid[i * longestContinuation + skip + t] = targets[i][t];
            }
        }
        float[] logprobs;
        long[] argmax;
        try (NDManager scope = manager.newSubManager()) {
            NDArray inputIds = scope.create(ids, new Shape(batch, longestInput));
            NDArray attention = scope.create(mask, new Shape(batch, longestInput));
            NDArray logSoftmax = model.lastLogits(inputIds, longestContinuation, ForwardContext.inference(attention))
                    .logSoftmax(-1);
            NDArray target = scope.create(targetGrid, new Shape(batch, longestContinuation, 1));
            logprobs = logSoftmax.gather(target, 2).toType(DataType.FLOAT32, false).toFloatArray();
            argmax = logSoftmax.argMax(-1).toLongArray();
        }
        List<LogLikelihood> results = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            double sum = 0;
            boolean greedy = true;
            int skip = longestContinuation - targets[i].length;
            for (int t = 0; t < targets[i].length; t++) {
                int cell = i * longestContinuation + skip + t;
                sum += logprobs[cell];
                greedy &= argmax[cell] == targets[i][t];
            }
            results.add(new LogLikelihood(sum, greedy, targets[i].length));
        }
        return results;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
