package org.peftrepro.baselines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.methods.peft.PeftCodec;
import org.peftrepro.methods.peft.PeftConfigFields;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.io.CheckpointFormatException;

/**
 * LoRA as PEFT stores it ({@code peft_type} LORA): {@code r}, {@code lora_alpha}, {@code lora_dropout},
 * {@code target_modules}. Every LoRA variant PEFT adds by a field (DoRA, rsLoRA, per-module ranks, PiSSA-style inits,
 * ...) changes the math, so a config asking for one is refused rather than read as plain LoRA.
 */
final class LoraCodec extends PeftCodec {

    LoraCodec() {
        super("LORA", List.of("lora_A", "lora_B"));
    }

    @Override
    public Map<String, String> optionsFrom(PeftConfigFields fields) throws CheckpointFormatException {
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

    @Override
    public void writeFields(MethodOptions options, Backbone model, ObjectNode config) {
        LoraSettings s = LoraSettings.from(options);
        config.put("r", s.r());
        PeftConfigFields.putNumber(config, "lora_alpha", s.alpha());
        config.put("lora_dropout", s.dropout());
        config.put("bias", "none");
        config.put("fan_in_fan_out", false);
        config.put("use_rslora", false);
        config.put("use_dora", false);
        config.put("init_lora_weights", true);
        PeftConfigFields.putTargetModules(config, s.targets());
    }
}
