package org.peftrepro.baselines.peft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.peftrepro.methods.peft.PeftCodec;
import org.peftrepro.methods.peft.PeftConfigFields;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.CheckpointFormatException;
import org.peftrepro.models.llama.LlamaForCausalLM;

/**
 * {@code adapter_config.json} to the suite's method and options and back, for every registered method that declares
 * a {@link PeftCodec} (the suite's: LORA for {@code lora}, LILY for {@code lily}). The codec translates the method's
 * own fields and refuses, naming the file and the field, a field that would change the math in a way the suite does
 * not reproduce; the fields every PEFT type shares (task type, saved head, inference mode) are handled here. Fields
 * missing from a config take PEFT 0.21's defaults.
 */
final class PeftConfigTranslation {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a config maps to. */
    record Translated(String peftType, String taskType, String methodName, Map<String, String> options) {}

    private PeftConfigTranslation() {}

    static Translated fromPeft(JsonNode config, Path file) throws CheckpointFormatException {
        if (!config.isObject()) {
            throw new CheckpointFormatException(file, "expected a JSON object, found " + config.getNodeType());
        }
        PeftConfigFields fields = new PeftConfigFields((ObjectNode) config, file);
        String peftType = fields.requiredText("peft_type");
        String taskType = fields.optionalText("task_type");
        MethodRegistry registry = MethodRegistry.load();
        PeftMethod method = registry.forPeftType(peftType).orElseThrow(() -> new CheckpointFormatException(file,
                "peft_type " + peftType + " is not supported (supported: " + registry.peftCodecs().stream()
                        .map(PeftCodec::peftType).collect(Collectors.joining(", ")) + ")"));
        PeftCodec codec = method.declaration().peftCodec().orElseThrow();
        return new Translated(codec.peftType(), taskType, method.name(), codec.optionsFrom(fields));
    }

    /** The config PEFT would write for this adaptation of {@code model}, keys sorted as PEFT sorts them. */
    static ObjectNode toPeft(MethodOptions options, Backbone model) {
        PeftMethod method = MethodRegistry.load().get(options.method());
        PeftCodec codec = codecOf(method);
        ObjectNode config = MAPPER.createObjectNode();
        config.put("peft_type", codec.peftType());
        codec.writeFields(options, model, config);
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

    /** The method's PEFT format; a method without one is an error naming those that have one. */
    static PeftCodec codecOf(PeftMethod method) {
        return method.declaration().peftCodec().orElseThrow(() -> new IllegalArgumentException("method " + method.name()
                + " has no PEFT adapter format (PEFT folders are written for " + MethodRegistry.load().all().stream()
                        .filter(m -> m.declaration().peftCodec().isPresent()).map(PeftMethod::name)
                        .collect(Collectors.joining(" and ")) + ")"));
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

    private static ObjectNode sorted(ObjectNode config) {
        ObjectNode result = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        config.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(name -> result.set(name, config.get(name)));
        return result;
    }
}
