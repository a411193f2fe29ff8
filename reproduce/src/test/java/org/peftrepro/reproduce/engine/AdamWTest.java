package org.peftrepro.reproduce.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AdamW against PyTorch's update rule, written out in plain Java. */
class AdamWTest {

    private static Parameter parameter(NDManager manager, float... values) {
        Parameter p = Parameter.builder().setName("p").setType(Parameter.Type.WEIGHT).optShape(new Shape(values.length)).build();
        p.setInitializer((m, s, t) -> m.create(values));
        p.initialize(manager, DataType.FLOAT32);
        return p;
    }

    /** Accumulates {@code values} into p's gradient through a real backward pass of sum(p * values). */
    private static void addGradient(NDManager manager, Parameter p, float... values) {
        try (NDManager scope = manager.newSubManager();
                ai.djl.training.GradientCollector gc = manager.getEngine().newGradientCollector()) {
            gc.backward(p.getArray().mul(scope.create(values)).sum());
        }
    }

    /** torch.optim.AdamW, one parameter element, as its documentation states the algorithm. */
    private static double[] torchAdamW(double w, double[] grads, double lr, double wd, double scale) {
        double m = 0;
        double v = 0;
        double[] trace = new double[grads.length];
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1] * scale;
            w -= lr * wd * w;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            w -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            trace[t - 1] = w;
        }
        return trace;
    }

    @Test
    void threeStepsFollowPyTorchWithDecoupledDecayAndGroupLearningRates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, 0.5f, -1.0f);
            Parameter head = parameter(manager, 2.0f);
            a.freeze(false);
            head.freeze(false);
            AdamW adamw = AdamW.withDefaults();
            List<ParameterGroup> groups = List.of(new ParameterGroup("method", List.of(a), 1.0, 0.01),
                    new ParameterGroup("head", List.of(head), 0.5, 0.0));
            double[][] grads = {{0.3, -0.2, 0.1}, {1.0, 0.5, -0.25}, {-0.4, 0.4, 0.2}};
            for (int step = 0; step < 3; step++) {
                addGradient(manager, a, (float) grads[0][step], (float) grads[1][step]);
                addGradient(manager, head, (float) grads[2][step]);
                adamw.step(groups, 1e-2, 0);
            }
            assertThat(a.getArray().toFloatArray()[0]).isCloseTo((float) torchAdamW(0.5, grads[0], 1e-2, 0.01, 1)[2], within(1e-6f));
            assertThat(a.getArray().toFloatArray()[1]).isCloseTo((float) torchAdamW(-1.0, grads[1], 1e-2, 0.01, 1)[2], within(1e-6f));
            assertThat(head.getArray().toFloatArray()[0]).isCloseTo((float) torchAdamW(2.0, grads[2], 0.5e-2, 0, 1)[2], within(1e-6f));
            assertThat(a.getArray().getGradient().toFloatArray()).containsOnly(0f); // zeroed after the step
            assertThat(adamw.stateBytes()).isEqualTo(2 * 4 * 3);
        }
    }

    @Test
    void globalNormClippingScalesEveryGradientByTheSameFactor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, 0f, 0f);
            a.freeze(false);
            addGradient(manager, a, 3f, 4f); // norm 5
            double norm = AdamW.withDefaults().step(List.of(new ParameterGroup("g", List.of(a), 1.0, 0)), 0.1, 1.0);
            assertThat(norm).isCloseTo(5.0, within(1e-6));
            // After clipping to norm 1 the first Adam step moves each element by lr * sign(g), whatever the scale.
            assertThat(a.getArray().toFloatArray()).containsExactly(new float[] {-0.1f, -0.1f}, within(1e-5f));
        }
    }

    @Test
    void forgetsParametersThatAreNoLongerTrained() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, 1f);
            Parameter b = parameter(manager, 1f);
            a.freeze(false);
            b.freeze(false);
            AdamW adamw = AdamW.withDefaults();
            addGradient(manager, a, 1f);
            addGradient(manager, b, 1f);
            adamw.step(List.of(new ParameterGroup("g", List.of(a, b), 1.0, 0)), 0.1, 0);
            adamw.retainOnly(Set.of(b));
            assertThat(adamw.tracked()).containsExactly(b);
        }
    }

    @Test
    void warmupThenLinearDecayAsHuggingFaceSchedulesIt() {
        WarmupLinearSchedule s = WarmupLinearSchedule.withRatio(1.0, 0.1, 100);
        assertThat(s.warmupSteps()).isEqualTo(10);
        assertThat(s.lr(0)).isZero();
        assertThat(s.lr(5)).isEqualTo(0.5);
        assertThat(s.lr(10)).isEqualTo(1.0);
        assertThat(s.lr(55)).isEqualTo(0.5);
        assertThat(s.lr(100)).isZero();
    }
}
