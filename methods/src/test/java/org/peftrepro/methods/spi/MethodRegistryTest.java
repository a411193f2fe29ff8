package org.peftrepro.methods.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.peft.PeftCodec;
import org.peftrepro.methods.peft.PeftConfigFields;
import org.peftrepro.models.Backbone;

/** Row order, display names and PEFT formats come from the methods' declarations. */
class MethodRegistryTest {

    /** A method that only declares; attaching it is not needed here. */
    private record Declared(MethodDeclaration declaration) implements PeftMethod {
        static Declared of(String name, Integer row, PeftCodec codec) {
            MethodDeclaration.Builder b = MethodDeclaration.builder(name).displayName(name.toUpperCase()).description(name);
            if (row != null) {
                b.row(row);
            }
            return new Declared(b.peftCodec(codec).build());
        }

        @Override
        public Adaptation attach(Backbone model, MethodOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Codec extends PeftCodec {
        Codec(String peftType) {
            super(peftType, List.of(peftType.toLowerCase() + "_A"));
        }

        @Override
        public Map<String, String> optionsFrom(PeftConfigFields config) {
            return Map.of();
        }

        @Override
        public void writeFields(MethodOptions options, Backbone model, ObjectNode config) {}
    }

    private static final MethodRegistry REGISTRY = MethodRegistry.of(List.of(
            Declared.of("zeta", null, null), Declared.of("lora", 50, new Codec("LORA")), Declared.of("ft", 10, null),
            Declared.of("alpha", null, null), Declared.of("mine", 55, null), Declared.of("lily", 110, new Codec("LILY"))));

    @Test
    void placedMethodsComeByTheirPlaceThenTheOthersByName() {
        assertThat(REGISTRY.names()).containsExactly("ft", "lora", "mine", "lily", "alpha", "zeta");
        assertThat(REGISTRY.placedNames()).containsExactly("ft", "lora", "mine", "lily");
        assertThat(REGISTRY.all()).extracting(PeftMethod::name).containsExactlyElementsOf(REGISTRY.names());
    }

    @Test
    void recordsOfMethodsNoLongerRegisteredComeLastByTheirOwnName() {
        assertThat(REGISTRY.inRowOrder(List.of("zeta", "gone", "lily", "ft", "also-gone")))
                .containsExactly("ft", "lily", "zeta", "also-gone", "gone");
        assertThat(REGISTRY.displayName("lora")).isEqualTo("LORA");
        assertThat(REGISTRY.displayName("gone")).isEqualTo("gone");
    }

    @Test
    void peftTypesAreFoundInAnyCase() {
        assertThat(REGISTRY.forPeftType("lily")).map(PeftMethod::name).contains("lily");
        assertThat(REGISTRY.forPeftType("IA3")).isEmpty();
        assertThat(REGISTRY.peftCodecs()).extracting(PeftCodec::peftType).containsExactly("LORA", "LILY");
        assertThatThrownBy(() -> MethodRegistry.of(List.of(Declared.of("a", 1, new Codec("LORA")),
                Declared.of("b", 2, new Codec("lora"))))).hasMessage("two methods read PEFT's LORA adapters: a and b");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> REGISTRY.get("nope"))
                .hasMessage("no method named 'nope' (known: ft, lora, mine, lily, alpha, zeta)");
    }

    @Test
    void theSuitesLoR2CFamilyAndLilyKeepThePapersOrderAndSpelling() {
        MethodRegistry loaded = MethodRegistry.load();
        assertThat(loaded.names()).containsSubsequence("lor2c", "share-lor2c", "merge-lor2c", "inject-lor2c", "im-lor2c",
                "lily");
        assertThat(loaded.names().stream().map(loaded::displayName))
                .containsSubsequence("LoR2C", "ShareLoR2C", "MergeLoR2C", "InjectLoR2C", "IM-LoR2C", "Lily");
    }
}
