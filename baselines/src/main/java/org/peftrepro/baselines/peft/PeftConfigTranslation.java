package org.peftrepro.baselines.peft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.peftrepro.baselines.Lily;
import org.peftrepro.hub.io.Ints;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.CheckpointFormatException;
import org.peftrepro.models.llama.LlamaForCausalLM;

/**
 * {@code adapter_config.json} to the suite's method and options and back, for the PEFT types whose math the
 * suite reproduces: LORA (method {@code lora}) and LILY ({@code lily}). A config field that would change the
 * math in a way the suite does not reproduce (DoRA, rsLoRA, per-module ranks, ...) is refused, naming the file
 * and the field, rather than ignored. Fields missing from a config take PEFT 0.21's defaults.
 *
 * <p>Two Lily settings have no PEFT field: {@code routing=sequence} is written as {@code "routing": "sequence"}
 * and a {@code dropout} above 0 as {@code "lily_dropout"}. This reader honours them; PEFT ignores them and would
 * compute batch-mean routing without dropout.
 */
final class PeftConfigTranslation {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String LORA_METHOD = "lora";

    /** What a config maps to. */
    record Translated(String peftType, String taskType, String methodName, Map<String, String> options) {}

    private PeftConfigTranslation() {}

    static Translated fromPeft(JsonNode config, Path file) throws CheckpointFormatException {
        if (!config.isObject()) {
            throw new CheckpointFormatException(file, "expected a JSON object, found " + config.getNodeType());
        }
        Fields fields = new Fields((ObjectNode) config, file);
        String peftType = fields.requiredText("peft_type");
        String taskType = fields.optionalText("task_type");
        return switch (peftType.toUpperCase(Locale.ROOT)) {
            case "LORA" -> new Translated("LORA", taskType, LORA_METHOD, loraOptions(fields));
            case "LILY" -> new Translated("LILY", taskType, Lily.NAME, lilyOptions(fields));
            default -> throw new CheckpointFormatException(file, "peft_type " + peftType
                    + " is not supported (supported: LORA, LILY)");
        };
    }

    private static Map<String, String> loraOptions(Fields fields) throws CheckpointFormatException {
        fields.refuseIfSet("use_dora", "DoRA's magnitude vector");
        fields.refuseIfSet("use_rslora", "rank-stabilised scaling alpha / sqrt(r)");
        fields.refuseIfSet("fan_in_fan_out", "transposed (Conv1D) base weights");
        fields.refuseIfSet("lora_bias", "a trainable bias on B");
        fields.refuseIfSet("rank_pattern", "per-module ranks");
        fields.refuseIfSet("alpha_pattern", "per-module alphas");
        fields.refuseIfSet("layers_to_transform", "adapting only some layers");
        fields.refuseIfSet("exclude_modules", "excluded modules");
        fields.refuseIfSet("layer_replication", "replicated layers");
        fields.refuseIfSet("target_parameters", "LoRA on raw parameters");
        fields.refuseIfSet("alora_invocation_tokens", "activated LoRA (an update switched on by invocation tokens)");
        fields.refuseIfSet("use_qalora", "quantisation-aware LoRA");
        fields.refuseIfSet("trainable_token_indices", "trained embedding rows");
        fields.requireTextIfSet("bias", "none", "trained backbone biases");
        fields.refuseBaseRewritingInit("init_lora_weights");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("r", fields.integer("r", 8));
        options.put("alpha", fields.number("lora_alpha", "8"));
        options.put("dropout", fields.number("lora_dropout", "0.0"));
        options.put("targets", fields.targetModules());
        return options;
    }

    private static Map<String, String> lilyOptions(Fields fields) throws CheckpointFormatException {
        fields.refuseIfSet("layers_to_transform", "adapting only some layers");
        fields.refuseIfSet("exclude_modules", "excluded modules");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("r", fields.integer("r", 32));
        options.put("experts", fields.integer("num_B", 2));
        options.put("stride", fields.integer("stride_A", 1));
        options.put("scaling", fields.number("scaling", "1.0"));
        options.put("targets", fields.targetModules());
        String routing = fields.optionalText("routing");
        options.put("routing", routing == null ? Lily.ROUTING_BATCH_MEAN : routing);
        options.put("dropout", fields.number("lily_dropout", "0.0"));
        return options;
    }

    /** The config PEFT would write for this adaptation of {@code model}, keys sorted as PEFT sorts them. */
    static ObjectNode toPeft(MethodOptions options, Backbone model) {
        ObjectNode config = MAPPER.createObjectNode();
        switch (options.method()) {
            case LORA_METHOD -> {
                config.put("peft_type", "LORA");
                config.put("r", options.positiveInt("r"));
                putNumber(config, "lora_alpha", options.positiveDouble("alpha"));
                config.put("lora_dropout", options.probability("dropout"));
                config.put("bias", "none");
                config.put("fan_in_fan_out", false);
                config.put("use_rslora", false);
                config.put("use_dora", false);
                config.put("init_lora_weights", true);
            }
            case Lily.NAME -> {
                config.put("peft_type", "LILY");
                config.put("r", options.positiveInt("r"));
                config.put("num_B", options.positiveInt("experts"));
                config.put("stride_A", Lily.stride(options, model));
                putNumber(config, "scaling", options.positiveDouble("scaling"));
                config.put("init_weights", true);
                if (options.choice("routing", Lily.ROUTING_BATCH_MEAN, Lily.ROUTING_SEQUENCE).equals(Lily.ROUTING_SEQUENCE)) {
                    config.put("routing", Lily.ROUTING_SEQUENCE);
                }
                if (options.probability("dropout") > 0) {
                    config.put("lily_dropout", options.probability("dropout"));
                }
            }
            default -> throw new IllegalArgumentException("method " + options.method()
                    + " has no PEFT adapter format (PEFT folders are written for " + LORA_METHOD + " and " + Lily.NAME + ")");
        }
        ArrayNode targets = config.putArray("target_modules");
        options.list("targets").forEach(targets::add);
        config.put("task_type", taskType(model));
        List<String> headModules = headModules(model);
        if (headModules.isEmpty()) {
            config.putNull("modules_to_save");
        } else {
            headModules.forEach(config.putArray("modules_to_save")::add);
        }
        config.put("inference_mode", true);
        config.putNull("base_model_name_or_path");
        return sorted(config);
    }

    /** PEFT's task type of the models the suite builds; null for any other. */
    private static String taskType(Backbone model) {
        if (model instanceof SequenceClassifier) {
            return "SEQ_CLS";
        }
        return model instanceof LlamaForCausalLM ? "CAUSAL_LM" : null;
    }

    /** The head's top-level modules (RoBERTa: classifier), which PEFT lists as modules_to_save. */
    private static List<String> headModules(Backbone model) {
        TreeSet<String> modules = new TreeSet<>();
        for (String name : model.headParameterNames()) {
            modules.add(name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.')));
        }
        return new ArrayList<>(modules);
    }

    /** Integral values as integers (PEFT writes {@code "lora_alpha": 16}), others as they are. */
    private static void putNumber(ObjectNode config, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            config.put(field, (long) value);
        } else {
            config.put(field, value);
        }
    }

    private static ObjectNode sorted(ObjectNode config) {
        ObjectNode result = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        config.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(name -> result.set(name, config.get(name)));
        return result;
    }

    /** Typed access to a config's fields; every error names the file and the field. */
    private record Fields(ObjectNode config, Path file) {

        private JsonNode value(String field) {
            JsonNode node = config.get(field);
            return node == null || node.isNull() ? null : node;
        }

        String requiredText(String field) throws CheckpointFormatException {
            String text = optionalText(field);
            if (text == null) {
                throw new CheckpointFormatException(file, "field " + field + " is missing");
            }
            return text;
        }

        String optionalText(String field) throws CheckpointFormatException {
            JsonNode node = value(field);
            if (node == null) {
                return null;
            }
            if (!node.isTextual()) {
                throw new CheckpointFormatException(file, "field " + field + " must be a string, found " + node);
            }
            return node.asText();
        }

        String integer(String field, int defaultValue) throws CheckpointFormatException {
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

        String number(String field, String defaultValue) throws CheckpointFormatException {
            JsonNode node = value(field);
            if (node == null) {
                return defaultValue;
            }
            if (!node.isNumber()) {
                throw new CheckpointFormatException(file, "field " + field + " must be a number, found " + node);
            }
            return node.asText();
        }

        /** PEFT's list of module names, as our comma-separated {@code targets}. */
        String targetModules() throws CheckpointFormatException {
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
        void refuseIfSet(String field, String meaning) throws CheckpointFormatException {
            JsonNode node = value(field);
            boolean unset = node == null || (node.isBoolean() && !node.booleanValue())
                    || (node.isContainerNode() && node.isEmpty()) || (node.isTextual() && node.asText().isBlank());
            if (!unset) {
                throw new CheckpointFormatException(file, "field " + field + " = " + node + " asks for " + meaning
                        + ", which this suite does not reproduce");
            }
        }

        /**
         * Refuses LoRA inits that also rewrite the base weights (PiSSA, OLoRA, CorDA, LoftQ subtract or quantise
         * W): such an adapter only fits the rewritten base, not the checkpoint it is loaded onto here.
         */
        void refuseBaseRewritingInit(String field) throws CheckpointFormatException {
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

        void requireTextIfSet(String field, String expected, String meaning) throws CheckpointFormatException {
            String text = optionalText(field);
            if (text != null && !text.equals(expected)) {
                throw new CheckpointFormatException(file, "field " + field + " = \"" + text + "\" asks for " + meaning
                        + ", which this suite does not reproduce (only \"" + expected + "\" is)");
            }
        }
    }
}
