package org.peftrepro.baselines.peft;

import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * An adaptation whose PEFT adapter file names its parameters differently from its trainable set. PEFT saves a
 * module's state dict, so a parameter shared by several layers (Lily's A of a block, its B pool) is written once
 * under every layer that uses it. Adaptations without this view are saved under their trainable names.
 */
public interface PeftSavedParameters {
    /**
     * Every name PEFT's {@code adapter_model.safetensors} holds for this adaptation, without the
     * {@code base_model.model.} prefix, to the parameter it holds; a shared parameter appears under several names.
     */
    Map<String, Parameter> peftSavedParameters();
}
