package org.peftrepro.methods.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.spi.ProtocolDefaults.TaskDefaults;

/** A declaration is checked when it is made: a method with a mistake in it fails as the registry loads it. */
class MethodDeclarationTest {

    private static MethodDeclaration.Builder builder() {
        return MethodDeclaration.builder("mine").displayName("Mine").description("a test method")
                .option(OptionSpec.positiveInteger("r", 8, "rank"))
                .option(OptionSpec.positiveNumber("scaling", 1, "scaling"));
    }

    @Test
    void protocolDefaultsMergeTheTasksOwnOverTheProtocolWideOnes() {
        ProtocolDefaults table = ProtocolDefaults.of("table1", "a test").withLr(0.005).withHeadLrScale(1.0)
                .withOptions(Map.of("r", "4"))
                .withTask("sst2", TaskDefaults.options(Map.of("r", "2", "scaling", "0.1")).withHeadLrScale(2.0))
                .withTask("rte", TaskDefaults.options(Map.of("scaling", "0.5")));
        MethodDeclaration declaration = builder().protocol(table).build();

        ProtocolDefaults declared = declaration.protocol("table1").orElseThrow();
        assertThat(declared.optionsFor("sst2")).containsExactly(Map.entry("r", "2"), Map.entry("scaling", "0.1"));
        assertThat(declared.optionsFor("rte")).containsExactly(Map.entry("r", "4"), Map.entry("scaling", "0.5"));
        assertThat(declared.optionsFor("cola")).containsExactly(Map.entry("r", "4"));
        assertThat(declared.headLrScaleFor("sst2")).isEqualTo(OptionalDouble.of(2.0));
        assertThat(declared.headLrScaleFor("rte")).isEqualTo(OptionalDouble.of(1.0));
        assertThat(declared.lr()).isEqualTo(OptionalDouble.of(0.005));
        assertThat(declared.weightDecay()).isEmpty();
        assertThat(declaration.protocol("table2")).isEmpty();
    }

    @Test
    void aProtocolDefaultTheMethodsOptionsRefuseFailsTheDeclaration() {
        ProtocolDefaults badTask = ProtocolDefaults.of("table1", "a test")
                .withTask("cola", TaskDefaults.options(Map.of("scaling", "-1")));
        assertThatThrownBy(() -> builder().protocol(badTask).build())
                .hasMessage("protocol table1 defaults: method mine: option scaling must be a positive number, got '-1'");

        ProtocolDefaults unknown = ProtocolDefaults.of("table2", "a test").withOptions(Map.of("rank", "64"));
        assertThatThrownBy(() -> builder().protocol(unknown).build()).hasMessageContaining("protocol table2 defaults")
                .hasMessageContaining("no option 'rank'");
    }

    @Test
    void namesAndOptionsAreCheckedToo() {
        assertThatThrownBy(() -> MethodDeclaration.builder("My Method").displayName("x").description("x").build())
                .hasMessageContaining("method name 'My Method'");
        assertThatThrownBy(() -> MethodDeclaration.builder("mine").description("x").build())
                .hasMessage("method mine declares no display name");
        assertThatThrownBy(() -> builder().option(OptionSpec.positiveInteger("r", 4, "again")).build())
                .hasMessage("method mine declares option r twice");
        assertThatThrownBy(() -> ProtocolDefaults.of("t", "s").withTask("a", TaskDefaults.options(Map.of()))
                .withTask("a", TaskDefaults.options(Map.of()))).hasMessageContaining("task a is set twice");
    }
}
