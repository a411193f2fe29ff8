package org.peftrepro.methods.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodOptionsTest {
    private static final List<OptionSpec> SPECS = List.of(new OptionSpec("r", "8", "rank"));

    @Test
    void readsAnInteger() {
        assertThat(MethodOptions.resolve("lora", SPECS, Map.of("r", "16")).positiveInt("r")).isEqualTo(16);
    }

    @Test
    void anIntegerTooLargeSaysSoRatherThanNotAnInteger() {
        MethodOptions options = MethodOptions.resolve("lora", SPECS, Map.of("r", "99999999999"));

        assertThatThrownBy(() -> options.positiveInt("r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method lora: option r: '99999999999' is too large: at most 2147483647 (a 32-bit integer)");
    }

    @Test
    void textThatIsNoIntegerSaysSo() {
        MethodOptions options = MethodOptions.resolve("lora", SPECS, Map.of("r", "8.5"));

        assertThatThrownBy(() -> options.positiveInt("r")).hasMessage("method lora: option r: '8.5' is not an integer");
    }
}
