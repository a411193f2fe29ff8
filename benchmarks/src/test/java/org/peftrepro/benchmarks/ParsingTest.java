package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Shapes, inputs and devices as options and JMH parameters write them; errors name what is accepted. */
class ParsingTest {

    @Test
    void shapes() {
        assertThat(ModelShape.parse("Roberta-Base")).isEqualTo(ModelShape.ROBERTA_BASE);
        assertThat(ModelShape.TINY.config().hiddenSize()).isEqualTo(64);
        assertThat(ModelShape.TINY.config().numHiddenLayers()).isEqualTo(6);
        assertThat(ModelShape.ROBERTA_BASE.config().hiddenSize()).isEqualTo(768);
        assertThat(ModelShape.ROBERTA_BASE.config().numLabels()).isEqualTo(2);
        assertThatThrownBy(() -> ModelShape.parse("huge")).hasMessage("unknown shape 'huge' (known: tiny, roberta-base)");
    }

    @Test
    void inputs() {
        assertThat(InputShape.parse("64x256")).isEqualTo(new InputShape(64, 256));
        assertThat(InputShape.parse("64x256").tokens()).isEqualTo(16_384);
        assertThat(new InputShape(32, 128)).hasToString("32x128");
        assertThatThrownBy(() -> InputShape.parse("32*128")).hasMessageContaining("BATCHxLENGTH");
        assertThatThrownBy(() -> InputShape.parse("0x128")).hasMessageContaining("batch must be positive");
        assertThatThrownBy(() -> InputShape.parse("16x99999999999"))
                .hasMessage("input shape '16x99999999999': '99999999999' is too large: at most 2147483647 (a 32-bit integer)");
    }

    @Test
    void devices() {
        assertThat(BenchDevice.parse("cpu")).isEqualTo(Device.cpu());
        assertThat(BenchDevice.parse("gpu")).isEqualTo(Device.gpu());
        assertThat(BenchDevice.parse("gpu:1")).isEqualTo(Device.gpu(1));
        assertThat(BenchDevice.name(Device.gpu(1))).isEqualTo("gpu:1");
        assertThat(BenchDevice.name(Device.cpu())).isEqualTo("cpu");
        assertThatThrownBy(() -> BenchDevice.parse("tpu")).hasMessage("'tpu' is not a device: use cpu, gpu or gpu:N");
    }
}
