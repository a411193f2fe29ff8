package org.peftrepro.reproduce.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PyTorch's {@code torch.optim.AdamW} (decoupled weight decay, bias-corrected moments, eps outside the
 * square root), with parameter groups, a global-norm gradient clip ({@code clip_grad_norm_}) and state
 * keyed by parameter, so parameters that appear between epochs (merges, injections) start with fresh
 * moments and parameters that disappear are forgotten.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<Parameter, Moments> state = new IdentityHashMap<>();

    private static final class Moments {
        final NDArray m;
        final NDArray v;
        long steps;

        Moments(NDArray m, NDArray v) {
            this.m = m;
            this.v = v;
        }
    }

    public AdamW(double beta1, double beta2, double eps) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public static AdamW withDefaults() {
        return new AdamW(0.9, 0.999, 1e-8);
    }

    /**
     * One update of every parameter of {@code groups} with the gradients accumulated so far, then zeroes
     * the gradients.
     *
     * @param maxGradNorm clip the global L2 norm of all gradients to this; 0 or less: no clipping
     * @return the global gradient norm before clipping, or NaN when not clipping (it is not computed then)
     */
    public double step(List<ParameterGroup> groups, double lr, double maxGradNorm) {
        try (NDScope scope = new NDScope()) {
            double norm = maxGradNorm > 0 ? globalNorm(groups) : Double.NaN;
            double clip = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
            for (ParameterGroup group : groups) {
                double groupLr = lr * group.lrScale();
                for (Parameter p : group.parameters()) {
                    update(p, groupLr, group.weightDecay(), clip);
                }
            }
            return norm;
        }
    }

    private void update(Parameter p, double lr, double weightDecay, double clip) {
        NDArray w = p.getArray();
        NDArray g = w.getGradient();
        if (clip != 1.0) {
            g.muli((float) clip);
        }
        Moments s = state.computeIfAbsent(p, k -> {
            NDArray m = w.zerosLike();
            NDArray v = w.zerosLike();
            NDScope.unregister(m, v); // state outlives this step's scope
            return new Moments(m, v);
        });
        s.steps++;
        if (weightDecay != 0) {
            w.muli((float) (1 - lr * weightDecay));
        }
        s.m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        s.v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
        double correction1 = 1 - Math.pow(beta1, s.steps);
        double correction2 = 1 - Math.pow(beta2, s.steps);
        NDArray denominator = s.v.sqrt().divi((float) Math.sqrt(correction2)).addi((float) eps);
        w.subi(s.m.div(denominator).muli((float) (lr / correction1)));
        g.subi(g);
    }

    /** Summed on the device, read once: one host synchronisation per step, not one per parameter. */
    private static double globalNorm(List<ParameterGroup> groups) {
        NDArray sum = null;
        for (ParameterGroup group : groups) {
            for (Parameter p : group.parameters()) {
                NDArray squares = p.getArray().getGradient().square().sum();
                sum = sum == null ? squares : sum.add(squares);
            }
        }
        return sum == null ? 0 : Math.sqrt(sum.getFloat());
    }

    /** Drops the moments of parameters no longer trained (after a merge or injection). */
    public void retainOnly(Set<Parameter> current) {
        state.keySet().removeIf(p -> !current.contains(p));
    }

    /** Parameters that have optimizer state. */
    public Set<Parameter> tracked() {
        return Collections.unmodifiableSet(state.keySet());
    }

    /** Bytes held by the moments (two float32 tensors per parameter). */
    public long stateBytes() {
        return state.values().stream().mapToLong(s -> 2 * s.m.getShape().size() * 4).sum();
    }
}
