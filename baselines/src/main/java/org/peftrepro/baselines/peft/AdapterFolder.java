package org.peftrepro.baselines.peft;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peftrepro.models.io.TensorEntry;

/**
 * A PEFT adapter folder as the suite reads it: the method and options its {@code adapter_config.json} maps to
 * (as {@code --set key=value} would give them) and the tensors its {@code adapter_model.safetensors} holds.
 *
 * @param peftType PEFT's name of the method, e.g. {@code LORA}
 * @param taskType PEFT's {@code task_type}, e.g. {@code SEQ_CLS}; null when the config has none
 * @param methodName the suite's method, e.g. {@code lora}
 * @param options the method's options, e.g. {@code r=4, alpha=8, dropout=0.0, targets=value,query}
 * @param tensors the weights file's entries by saved name (shapes and types; values are read by {@link PeftAdapters#apply})
 */
public record AdapterFolder(Path folder, String peftType, String taskType, String methodName, Map<String, String> options,
        Map<String, TensorEntry> tensors) {

    public AdapterFolder {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Path configFile() {
        return folder.resolve(PeftAdapters.CONFIG_FILE);
    }

    public Path weightsFile() {
        return folder.resolve(PeftAdapters.WEIGHTS_FILE);
    }

    /** The label count of the saved task head (RoBERTa's {@code classifier.out_proj}), or null when none is saved. */
    public Integer headLabels() {
        TensorEntry outProj = tensors.get("base_model.model.classifier.out_proj.weight");
        return outProj == null ? null : Math.toIntExact(outProj.shape()[0]);
    }
}
