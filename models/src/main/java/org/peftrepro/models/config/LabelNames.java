package org.peftrepro.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** HF's label fields: {@code id2label} wins, then {@code num_labels}, then HF's default of 2. */
final class LabelNames {
    private LabelNames() {}

    static List<String> parse(ConfigFields f) {
        JsonNode id2label = f.node("id2label");
        List<String> names = new ArrayList<>();
        if (id2label != null && id2label.isObject() && id2label.size() > 0) {
            for (int i = 0; i < id2label.size(); i++) {
                JsonNode name = id2label.get(Integer.toString(i));
                if (name == null) {
                    throw f.error("id2label", "must have keys 0.." + (id2label.size() - 1) + "; key " + i + " is missing");
                }
                names.add(name.asText());
            }
            if (f.has("num_labels") && f.requiredInt("num_labels") != names.size()) {
                throw f.contradiction("num_labels " + f.requiredInt("num_labels") + " contradicts id2label with "
                        + names.size() + " entries");
            }
            return names;
        }
        int count = f.has("num_labels") ? f.positiveInt("num_labels") : 2;
        for (int i = 0; i < count; i++) {
            names.add("LABEL_" + i);
        }
        return names;
    }
}
