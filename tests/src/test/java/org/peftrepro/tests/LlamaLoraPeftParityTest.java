package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peftrepro.baselines.peft.AdapterFolder;
import org.peftrepro.baselines.peft.PeftAdapters;
import org.peftrepro.baselines.peft.PeftNames;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.sites.ForwardContext;

/** A causal-LM PEFT LoRA folder (no head saved) on the tiny LLaMA: logits, loss and every gradient as PEFT's. */
class LlamaLoraPeftParityTest {

    @Test
    void logitsLossAndEveryGradientMatchPeft() throws Exception {
        Path base = Fixtures.folder("llama-tiny");
        Path adapter = Fixtures.folder("llama-tiny-lora");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile inputs = SafetensorsFile.open(base.resolve("expected.safetensors"));
                SafetensorsFile expected = SafetensorsFile.open(adapter.resolve("expected.safetensors"))) {
            LlamaForCausalLM model = (LlamaForCausalLM) PretrainedModel.load(base, manager).model();
            AdapterFolder folder = PeftAdapters.read(adapter);
            assertThat(folder.taskType()).isEqualTo("CAUSAL_LM");
            Adaptation lora = PeftAdapters.attach(model, folder, manager);

            NDArray ids = inputs.read("input_ids", manager);
            LlamaForCausalLM.Output out;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                out = model.forward(ids, ids, ForwardContext.inference(null));
                collector.backward(out.loss());
            }
            Fixtures.assertClose("logits", out.logits(), expected.read("logits", manager), 1e-5);
            Fixtures.assertClose("loss", out.loss().reshape(1), expected.read("loss", manager), 1e-5);

            Set<String> compared = new HashSet<>();
            for (String name : expected.tensors().keySet()) {
                if (name.startsWith("grad.")) {
                    String ours = PeftNames.ours(name.substring("grad.".length()));
                    NDArray gradient = lora.trainable().get(ours).getArray().getGradient();
                    Fixtures.assertCloseAbsOrRel(name, gradient, expected.read(name, manager), 1e-5, 1e-4);
                    compared.add(ours);
                }
            }
            assertThat(compared).containsExactlyInAnyOrderElementsOf(lora.trainable().names());
        }
    }
}
