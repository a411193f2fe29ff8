package org.peftrepro.baselines.peft;

import java.util.regex.Pattern;

/**
 * Between the suite's parameter names and PEFT's. The suite names a method's parameters as PEFT does in memory
 * minus the adapter name ({@code roberta.encoder.layer.0.attention.self.query.lora_A.weight}); PEFT adds the
 * wrapper prefix {@code base_model.model.}, in memory also the adapter name ({@code lora_A.default.weight}) and
 * for a trained head {@code classifier.modules_to_save.default.dense.weight}. Saved adapter files have the
 * prefix only.
 */
public final class PeftNames {
    /** The prefix of every name in PEFT's state dicts: PeftModel.base_model (the tuner) . model (the HF model). */
    public static final String PREFIX = "base_model.model.";

    /** The per-module layers of the methods read here; in memory PEFT keeps one per adapter name under them. */
    private static final Pattern ADAPTER_SEGMENT =
            Pattern.compile("\\.(lora_A|lora_B|lily_A|lily_B|lily_router)\\.[^.]+\\.(weight|bias)$");
    private static final Pattern MODULES_TO_SAVE_SEGMENT = Pattern.compile("\\.modules_to_save\\.[^.]+\\.");

    private PeftNames() {}

    /** The name PEFT saves our parameter under in {@code adapter_model.safetensors}. */
    public static String saved(String ourName) {
        return PREFIX + ourName;
    }

    /**
     * Our name for a PEFT name, saved ({@code base_model.model.x.lora_A.weight}) or in memory
     * ({@code base_model.model.x.lora_A.default.weight}, {@code ...classifier.modules_to_save.default.dense.bias}).
     * A name without the prefix is taken as it is.
     */
    public static String ours(String peftName) {
        String name = peftName.startsWith(PREFIX) ? peftName.substring(PREFIX.length()) : peftName;
        name = MODULES_TO_SAVE_SEGMENT.matcher(name).replaceFirst(".");
        return ADAPTER_SEGMENT.matcher(name).replaceFirst(".$1.$2");
    }
}
