package org.peftrepro.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** HF's {@code architectures} list (which head classes the checkpoint was saved from). */
final class Architectures {
    private Architectures() {}

    static List<String> parse(ConfigFields f) {
        JsonNode node = f.node("architectures");
        List<String> names = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        }
        return List.copyOf(names);
    }
}
