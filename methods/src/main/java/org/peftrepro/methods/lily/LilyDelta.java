package org.peftrepro.methods.lily;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.peftrepro.models.nn.Scalars;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LinearDelta;

/** What Lily adds to one targeted linear of layer l. */
final class LilyDelta implements LinearDelta {
    private final Parameter a;
    private final Parameter router;
    private final Parameter pool;
    private final int experts;
    private final int rank;
    private final float scaling;
    private final double dropout;
    private final boolean perSequence;

    LilyDelta(Parameter a, Parameter router, Parameter pool, int experts, int rank, double scaling, double dropout,
            boolean perSequence) {
        this.a = a;
        this.router = router;
        this.pool = pool;
        this.experts = experts;
        this.rank = rank;
        this.scaling = (float) scaling;
        this.dropout = dropout;
        this.perSequence = perSequence;
    }

    /** @param input (batch, seq, in), or (tokens, in) for batch-mean routing */
    @Override
    public NDArray apply(NDArray input, ForwardContext context) {
        NDArray x = context.dropout(input, dropout);
        // z = A x: every token's low-rank code, (..., r).
        NDArray z = linear(x, a.getArray());
        // The router's logits R_l z, (..., N_e).
        NDArray logits = linear(z, router.getArray());
        NDArray p = perSequence ? perSequenceMixture(logits, context.attentionMask()) : batchMeanMixture(logits);
        // Combined B = sum_e p_e B_e, (r, out) or one per sequence (batch, r, out).
        NDArray combinedB = mixExperts(p);
        return Scalars.mul(z.matMul(combinedB), scaling);
    }

    /** PEFT / official code: softmax per token, then the mean over the batch and every token: (N_e). */
    private NDArray batchMeanMixture(NDArray logits) {
        // One row per token of the batch, then the mean down the rows (the engine averages over one axis at a time).
        return logits.softmax(-1).reshape(-1, experts).mean(new int[] {0});
    }

    /** Paper: per sequence, softmax of the router logits summed over its non-padding tokens: (batch, N_e). */
    private static NDArray perSequenceMixture(NDArray logits, NDArray attentionMask) {
        if (logits.getShape().dimension() != 3) {
            throw new IllegalArgumentException("lily routing=sequence needs (batch, seq, features) inputs, got "
                    + logits.getShape().slice(0, logits.getShape().dimension() - 1) + " tokens");
        }
        NDArray summed = attentionMask == null
                ? logits.sum(new int[] {1})
                : logits.mul(attentionMask.toType(DataType.FLOAT32, false).expandDims(-1)).sum(new int[] {1});
        return summed.softmax(-1);
    }

    /**
     * sum_e p_e B_e as one product with the pool as PEFT stores it, (N_e r, out): the mixer
     * [p_1 I_r ... p_N I_r], (r, N_e r), picks row i of every expert and weights expert e by p_e. Built this
     * way every intermediate array lives with the batch's arrays, none with the parameter.
     *
     * @param p (N_e) or (batch, N_e)
     * @return (r, out) or (batch, r, out)
     */
    private NDArray mixExperts(NDArray p) {
        NDArray identity = p.getManager().eye(rank).reshape(rank, 1, rank);
        NDArray mixer;
        if (p.getShape().dimension() == 1) {
            mixer = p.reshape(1, experts, 1).mul(identity).reshape(rank, (long) experts * rank);
        } else {
            long batch = p.getShape().get(0);
            mixer = p.reshape(batch, 1, experts, 1).mul(identity).reshape(batch, rank, (long) experts * rank);
        }
        return mixer.matMul(pool.getArray());
    }

    /** x W^T, kept in x's manager (the batch's), as the backbone's linears do. */
    private static NDArray linear(NDArray x, NDArray weight) {
        return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
    }
}
