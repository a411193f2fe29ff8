package org.peftrepro.methods.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options resolve to one spelling per value, and every bad value or key is named at once. */
class MethodOptionsTest {
    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.positiveInteger("r", 8, "rank"),
            OptionSpec.positiveNumber("alpha", 16, "scaling numerator"),
            OptionSpec.probability("dropout", 0.1, "dropout"),
            OptionSpec.choice("routing", "batch-mean", "routing", "batch-mean", "sequence"),
            OptionSpec.names("targets", "query,value", "targets"),
            OptionSpec.flag("bias", false, "train biases"),
            new OptionSpec("stride", OptionType.positiveIntegerOr("auto"), "auto", "layers per A"));

    private static MethodOptions resolve(Map<String, String> overrides) {
        return MethodOptions.resolve("m", SPECS, overrides);
    }

    @Test
    void everyOptionIsThereWithItsDefaultInDeclarationOrder() {
        assertThat(resolve(Map.of()).asMap()).containsExactly(Map.entry("r", "8"), Map.entry("alpha", "16"),
                Map.entry("dropout", "0.1"), Map.entry("routing", "batch-mean"), Map.entry("targets", "query,value"),
                Map.entry("bias", "false"), Map.entry("stride", "auto"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alpha   | 16       | 16",
        "alpha   | 16.0     | 16",
        "alpha   | 1.6e1    | 16",
        "alpha   | 0.50     | 0.5",
        "alpha   | 2E-5     | 0.00002",
        "r       | 16       | 16",
        "r       | 16.0     | 16",
        "r       | +16      | 16",
        "dropout | 0        | 0",
        "dropout | 0.0      | 0",
        "routing | SEQUENCE | sequence",
        "targets | ' q_proj , v_proj ,' | 'q_proj,v_proj'",
        "bias    | TRUE     | true",
        "stride  | AUTO     | auto",
        "stride  | 3.0      | 3",
    })
    void oneValueHasOneSpelling(String key, String given, String canonical) {
        assertThat(resolve(Map.of(key, given)).asMap().get(key)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "r       | -3   | option r must be a positive integer, got '-3'",
        "r       | 16.5 | option r must be a positive integer",
        "r       | two  | option r must be a positive integer",
        "alpha   | 0    | option alpha must be a positive number",
        "alpha   | NaN  | option alpha must be a positive number",
        "alpha   | 1f   | option alpha must be a positive number",
        "dropout | 1    | option dropout must be a probability in [0, 1)",
        "routing | token | option routing must be one of batch-mean|sequence",
        "targets | ' , ' | option targets must be a comma-separated list of names",
        "bias    | yes  | option bias must be one of true|false",
        "stride  | 0    | option stride must be a positive integer or auto",
    })
    void aValueItsOptionDoesNotAcceptIsNamedWithWhatItAccepts(String key, String given, String message) {
        assertThatThrownBy(() -> resolve(Map.of(key, given))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("method m: ").hasMessageContaining(message);
    }

    @Test
    void everyProblemIsReportedInOneLine() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("r", "-3");
        overrides.put("rank", "8");
        overrides.put("dropout", "1.5");

        assertThatThrownBy(() -> resolve(overrides)).hasMessage("method m: option r must be a positive integer, got '-3';"
                + " option dropout must be a probability in [0, 1), got '1.5'; no option 'rank' (its options: r, alpha,"
                + " dropout, routing, targets, bias, stride)");
    }

    @Test
    void typedGettersReadTheResolvedValues() {
        MethodOptions o = resolve(Map.of("r", "4.0", "alpha", "1e1", "targets", "q_proj, v_proj", "bias", "True"));
        assertThat(o.integer("r")).isEqualTo(4);
        assertThat(o.number("alpha")).isEqualTo(10.0);
        assertThat(o.list("targets")).containsExactly("q_proj", "v_proj");
        assertThat(o.flag("bias")).isTrue();
        assertThatThrownBy(() -> o.string("rank")).hasMessageContaining("declares no option 'rank'");
    }

    @Test
    void aDefaultItsTypeRefusesIsAMistakeOfTheDeclaration() {
        assertThatThrownBy(() -> OptionSpec.positiveInteger("r", 0, "rank"))
                .hasMessage("option r: its default '0' is not a positive integer");
        assertThatThrownBy(() -> OptionSpec.choice("sfs", "max", "score", "mean", "spread"))
                .hasMessageContaining("its default 'max' is not one of mean|spread");
        assertThatThrownBy(() -> OptionSpec.flag("Bias", true, "x")).hasMessageContaining("option key 'Bias'");
    }
}
