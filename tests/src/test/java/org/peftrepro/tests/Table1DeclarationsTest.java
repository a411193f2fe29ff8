package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.methods.spi.ProtocolDefaults;

/**
 * The methods declare what Table I's protocol file held per method (learning rate, head learning rate, weight decay,
 * Lily's per-task options and head rates), to the last digit, so that reading the declarations instead of the file
 * changes no run. This test lives only as long as the file's "methods" section does.
 */
class Table1DeclarationsTest {
    private static final String PROTOCOL = "/org/peftrepro/reproduce/protocols/table1.json";

    @Test
    void everyMethodDeclaresExactlyWhatTheProtocolFileSetsForIt() throws IOException {
        JsonNode file;
        try (InputStream in = Table1DeclarationsTest.class.getResourceAsStream(PROTOCOL)) {
            file = new ObjectMapper().readTree(in);
        }
        JsonNode tasks = file.path("tasks");
        JsonNode methods = file.path("methods");
        MethodRegistry registry = MethodRegistry.load();
        methods.fieldNames().forEachRemaining(name -> assertThat(registry.names()).as("a method of " + PROTOCOL).contains(name));

        for (PeftMethod method : registry.all()) {
            JsonNode json = methods.path(method.name());
            ProtocolDefaults declared = method.declaration().protocol("table1")
                    .orElse(ProtocolDefaults.of("table1", "nothing declared"));
            String as = method.name() + " table1";
            assertThat(declared.lr()).as(as + " lr").isEqualTo(number(json.path("lr")));
            assertThat(declared.weightDecay()).as(as + " weightDecay").isEqualTo(number(json.path("weightDecay")));
            assertThat(declared.options()).as(as + " options on every task").isEmpty();
            tasks.fieldNames().forEachRemaining(task -> {
                JsonNode taskHead = json.path("taskHeadLrScale").path(task);
                OptionalDouble head = taskHead.isMissingNode() ? number(json.path("headLrScale")) : number(taskHead);
                assertThat(declared.headLrScaleFor(task)).as(as + " headLrScale on " + task).isEqualTo(head);
                Map<String, String> options = new LinkedHashMap<>();
                json.path("taskOptions").path(task).fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
                assertThat(declared.optionsFor(task)).as(as + " options on " + task).isEqualTo(options);
            });
        }
    }

    private static OptionalDouble number(JsonNode node) {
        return node.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(node.asDouble());
    }
}
