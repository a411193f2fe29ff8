package org.peftrepro.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.peftrepro.hub.io.Ints;

/** Typed access to the fields of one config.json, with errors that name the file and the field. */
final class ConfigFields {
    private final JsonNode root;
    private final String source;

    ConfigFields(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    String source() {
        return source;
    }

    boolean has(String field) {
        return root.hasNonNull(field);
    }

    int requiredInt(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw error(field, "is missing");
        }
        if (!node.isIntegralNumber()) {
            throw error(field, "must be an integer, found " + node);
        }
        if (!node.canConvertToInt()) {
            throw error(field, "is " + node + ", " + Ints.intRangeProblem(node.bigIntegerValue()));
        }
        return node.intValue();
    }

    int positiveInt(String field) {
        int value = requiredInt(field);
        if (value <= 0) {
            throw error(field, "must be positive, found " + value);
        }
        return value;
    }

    int optionalInt(String field, int fallback) {
        return has(field) ? requiredInt(field) : fallback;
    }

    double optionalDouble(String field, double fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw error(field, "must be a number, found " + node);
        }
        return node.doubleValue();
    }

    Double nullableDouble(String field) {
        return has(field) ? optionalDouble(field, 0) : null;
    }

    boolean optionalBoolean(String field, boolean fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error(field, "must be true or false, found " + node);
        }
        return node.booleanValue();
    }

    String optionalString(String field, String fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw error(field, "must be a string, found " + node);
        }
        return node.textValue();
    }

    JsonNode node(String field) {
        return root.get(field);
    }

    ConfigException error(String field, String problem) {
        return new ConfigException(source + ": field \"" + field + "\" " + problem);
    }

    ConfigException contradiction(String problem) {
        return new ConfigException(source + ": " + problem);
    }
}
