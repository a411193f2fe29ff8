package org.peftrepro.methods.peft;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.io.CheckpointFormatException;

/**
 * How a method's adapters are stored in Hugging Face PEFT's folder format ({@code adapter_config.json} +
 * {@code adapter_model.safetensors}), for a method whose math PEFT has under a {@code peft_type}. The folder itself
 * (the fields every PEFT type shares, the task head, the tensors' file) is written and read by the suite's PEFT
 * folder reader; a codec handles what is the method's own.
 */
public abstract class PeftCodec {
    private final String peftType;
    private final List<String> layerNames;

    /**
     * @param peftType PEFT's {@code peft_type}, e.g. {@code LORA}
     * @param layerNames the names PEFT gives the method's layers inside a targeted module, e.g. {@code lora_A},
     *     {@code lora_B}: a parameter is {@code <module>.<layer>.weight}, which PEFT keeps in memory as
     *     {@code <module>.<layer>.<adapter name>.weight}
     */
    protected PeftCodec(String peftType, List<String> layerNames) {
        this.peftType = peftType;
        this.layerNames = List.copyOf(layerNames);
    }

    public final String peftType() {
        return peftType;
    }

    public final List<String> layerNames() {
        return layerNames;
    }

    /**
     * The method's options ({@code --set} keys to values) from the config's fields, PEFT's defaults where a field is
     * missing. A field that asks for math the suite does not reproduce is refused, naming the file and the field.
     */
    public abstract Map<String, String> optionsFrom(PeftConfigFields config) throws CheckpointFormatException;

    /** Writes the method's own fields (not {@code peft_type}, nor those every type shares) into {@code config}. */
    public abstract void writeFields(MethodOptions options, Backbone model, ObjectNode config);

    /**
     * Every name PEFT's {@code adapter_model.safetensors} holds for this adaptation, without the wrapper prefix, to its
     * parameter. PEFT saves each module's state dict, so a parameter several layers share appears under each of them;
     * by default the adaptation's state as it names it.
     */
    public Map<String, Parameter> savedParameters(Adaptation adaptation) {
        return new LinkedHashMap<>(adaptation.state().asMap());
    }
}
