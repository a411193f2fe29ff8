package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.spi.MethodRegistry;

/** The benchmarked step on the tiny shape: counts derived by hand, memory that does not grow, real updates. */
class MethodStepTest {
    private static final InputShape SMALL = new InputShape(4, 16);

    private static MethodStep lora(InputShape input) {
        return MethodStep.create(MethodRegistry.load().get("lora"), ModelShape.TINY, input, Device.cpu(), 17);
    }

    @Test
    void loraOnTheTinyShapeTrainsItsTwelveThousandParametersAndTheHead() {
        try (MethodStep step = lora(SMALL)) {
            // r = 8 on query and value of 6 layers of width 64: 6 x 2 x (8 x 64 + 64 x 8)
            assertThat(step.trainableParameters()).isEqualTo(12_288);
            assertThat(step.optimizerStateBytes()).isZero();
            step.trainStep();
            // Two float32 moments for the method and the head (dense 64 x 64 + 64, out_proj 2 x 64 + 2)
            assertThat(step.optimizerStateBytes()).isEqualTo(2L * 4 * (12_288 + 4_160 + 130));
            assertThat(step.peakMemoryBytes()).isPositive();
        }
    }

    @Test
    void stepsLeaveNothingBehindInTheModelsManager() {
        try (MethodStep step = lora(SMALL)) {
            step.trainStep(); // creates the optimizer's moments, once
            step.inferenceStep();
            int arrays = step.manager().getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                step.trainStep();
                step.inferenceStep();
            }
            assertThat(step.manager().getManagedArrays()).hasSize(arrays);
        }
    }

    @Test
    void trainingUpdatesTheModelAndInferenceChangesNothing() {
        try (MethodStep step = lora(SMALL)) {
            float first = step.inferenceStep();
            assertThat(step.inferenceStep()).as("eval mode: no dropout, no update").isEqualTo(first);
            step.trainStep();
            assertThat(step.inferenceStep()).as("after an AdamW step").isNotEqualTo(first);
        }
    }

    @Test
    void anInputLongerThanThePositionTableIsRefusedWithTheLimit() {
        assertThatThrownBy(() -> lora(new InputShape(1, 513)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positions for 512 tokens");
    }
}
