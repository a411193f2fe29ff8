package org.peftrepro.methods.lily;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.methods.peft.PeftCodec;
import org.peftrepro.methods.peft.PeftConfigFields;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.io.CheckpointFormatException;

/**
 * Lily as PEFT 0.21 stores it ({@code peft_type} LILY): {@code r}, {@code num_B} (experts), {@code stride_A},
 * {@code scaling}, {@code target_modules}. Two settings have no PEFT field: {@code routing=sequence} is written as
 * {@code "routing": "sequence"} and a {@code dropout} above 0 as {@code "lily_dropout"}. This reader honours them;
 * PEFT ignores them and would compute batch-mean routing without dropout.
 */
final class LilyCodec extends PeftCodec {

    LilyCodec() {
        super("LILY", List.of("lily_A", "lily_B", "lily_router"));
    }

    @Override
    public Map<String, String> optionsFrom(PeftConfigFields fields) throws CheckpointFormatException {
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

    @Override
    public void writeFields(MethodOptions options, Backbone model, ObjectNode config) {
        LilySettings s = LilySettings.from(options);
        config.put("r", s.r());
        config.put("num_B", s.experts());
        config.put("stride_A", s.stride(model));
        PeftConfigFields.putNumber(config, "scaling", s.scaling());
        config.put("init_weights", true);
        if (s.perSequence()) {
            config.put("routing", Lily.ROUTING_SEQUENCE);
        }
        if (s.dropout() > 0) {
            config.put("lily_dropout", s.dropout());
        }
        PeftConfigFields.putTargetModules(config, s.targets());
    }

    /** PEFT's state dict repeats a shared A and the B pool under every layer that uses them. */
    @Override
    public Map<String, Parameter> savedParameters(Adaptation adaptation) {
        if (!(adaptation instanceof LilyAdaptation lily)) {
            throw new IllegalArgumentException("not a Lily adaptation: " + adaptation.options());
        }
        return lily.peftSavedParameters();
    }
}
