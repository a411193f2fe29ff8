package org.peftrepro.methods.peft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peftrepro.hub.io.Ints;
import org.peftrepro.models.io.CheckpointFormatException;

/**
 * Typed access to the fields of one {@code adapter_config.json}; every error names the file and the field. A field
 * set to JSON null counts as missing, as PEFT treats it.
 *
 * @param file the config's path, for messages
 */
public record PeftConfigFields(ObjectNode config, Path file) {

    private JsonNode value(String field) {
        JsonNode node = config.get(field);
        return node == null || node.isNull() ? null : node;
    }

    public String requiredText(String field) throws CheckpointFormatException {
        String text = optionalText(field);
        if (text == null) {
            throw new CheckpointFormatException(file, "field " + field + " is missing");
        }
        return text;
    }

    /** The field's text, or null when it is missing. */
    public String optionalText(String field) throws CheckpointFormatException {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new CheckpointFormatException(file, "field " + field + " must be a string, found " + node);
        }
        return node.asText();
    }

    /** The field's integer as an option value, or {@code defaultValue} when it is missing. */
    public String integer(String field, int defaultValue) throws CheckpointFormatException {
        JsonNode node = value(field);
        if (node == null) {
            return Integer.toString(defaultValue);
        }
        if (!node.isIntegralNumber()) {
            throw new CheckpointFormatException(file, "field " + field + " must be an integer, found " + node);
        }
        if (!node.canConvertToInt()) {
            throw new CheckpointFormatException(file, "field " + field + " is " + node + ", "
                    + Ints.intRangeProblem(node.bigIntegerValue()));
        }
        return Integer.toString(node.intValue());
    }

    /** The field's number as an option value, or {@code defaultValue} when it is missing. */
    public String number(String field, String defaultValue) throws CheckpointFormatException {
        JsonNode node = value(field);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw new CheckpointFormatException(file, "field " + field + " must be a number, found " + node);
        }
        return node.asText();
    }

    /** PEFT's list of module names, as the comma-separated {@code targets} option. */
    public String targetModules() throws CheckpointFormatException {
        JsonNode node = value("target_modules");
        if (node == null) {
            throw new CheckpointFormatException(file, "field target_modules is not set: PEFT then picks a default per"
                    + " architecture, which this reader does not guess; list the module names (e.g. [\"query\", \"value\"])");
        }
        if (node.isTextual()) {
            throw new CheckpointFormatException(file, "field target_modules is a regular expression (" + node
                    + "); only a list of module names is supported");
        }
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual() || element.asText().isBlank()) {
                    throw new CheckpointFormatException(file, "field target_modules must list module names, found " + element);
                }
                names.add(element.asText());
            }
        }
        if (names.isEmpty()) {
            throw new CheckpointFormatException(file, "field target_modules must be a non-empty list of module names, found " + node);
        }
        return String.join(",", names);
    }

    /** Refuses a field that is present and not null, false, empty or blank. */
    public void refuseIfSet(String field, String meaning) throws CheckpointFormatException {
        JsonNode node = value(field);
        boolean unset = node == null || (node.isBoolean() && !node.booleanValue())
                || (node.isContainerNode() && node.isEmpty()) || (node.isTextual() && node.asText().isBlank());
        if (!unset) {
            throw new CheckpointFormatException(file, "field " + field + " = " + node + " asks for " + meaning
                    + ", which this suite does not reproduce");
        }
    }

    /**
     * Refuses inits that also rewrite the base weights (PiSSA, OLoRA, CorDA, LoftQ subtract or quantise W): such an
     * adapter only fits the rewritten base, not the checkpoint it is loaded onto here.
     */
    public void refuseBaseRewritingInit(String field) throws CheckpointFormatException {
        JsonNode node = value(field);
        if (node != null && node.isTextual()) {
            String init = node.asText().toLowerCase(Locale.ROOT);
            for (String rewriting : List.of("pissa", "olora", "corda", "loftq")) {
                if (init.startsWith(rewriting)) {
                    throw new CheckpointFormatException(file, "field " + field + " = " + node + " rewrites the base"
                            + " weights, so the adapter does not fit the unmodified checkpoint; convert it to plain LoRA first");
                }
            }
        }
    }

    /** Refuses a text field set to anything but {@code expected}. */
    public void requireTextIfSet(String field, String expected, String meaning) throws CheckpointFormatException {
        String text = optionalText(field);
        if (text != null && !text.equals(expected)) {
            throw new CheckpointFormatException(file, "field " + field + " = \"" + text + "\" asks for " + meaning
                    + ", which this suite does not reproduce (only \"" + expected + "\" is)");
        }
    }

    /** Integral values as integers (PEFT writes {@code "lora_alpha": 16}), others as they are. */
    public static void putNumber(ObjectNode config, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            config.put(field, (long) value);
        } else {
            config.put(field, value);
        }
    }

    /** The {@code targets} option as PEFT's {@code target_modules} list. */
    public static void putTargetModules(ObjectNode config, List<String> targets) {
        ArrayNode array = config.putArray("target_modules");
        targets.forEach(array::add);
    }
}
