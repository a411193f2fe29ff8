package org.peftrepro.baselines.peft;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.peftrepro.methods.spi.MethodRegistry;

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
        return AdapterLayers.SEGMENT.matcher(name).replaceFirst(".$1.$2");
    }

    /**
     * The per-module layers of every registered method's PEFT format ({@code lora_A}, {@code lily_router}, ...), under
     * which PEFT keeps one tensor per adapter name in memory: {@code x.lora_A.default.weight}.
     */
    private static final class AdapterLayers {
        static final Pattern SEGMENT = Pattern.compile("\\.(" + MethodRegistry.load().peftCodecs().stream()
                .flatMap(codec -> codec.layerNames().stream()).map(Pattern::quote).collect(Collectors.joining("|"))
                + ")\\.[^.]+\\.(weight|bias)$");
    }
}
