package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.baselines.peft.AdapterFolder;
import org.peftrepro.baselines.peft.PeftAdapters;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;

/** Our LoRA, loaded from a PEFT 0.21 adapter folder, against PEFT's forward and backward on the tiny RoBERTa. */
class LoraPeftParityTest {

    @Test
    void logitsLossAndEveryGradientMatchPeft() throws Exception {
        Path base = Fixtures.folder("roberta-tiny");
        Path adapter = Fixtures.folder("roberta-tiny-lora");
        try (NDManager manager = NDManager.newBaseManager()) {
            SequenceClassifier model = (SequenceClassifier) PretrainedModel.load(base, manager).model();
            AdapterFolder folder = PeftAdapters.read(adapter);
            assertThat(folder.methodName()).isEqualTo("lora");
            assertThat(folder.options()).containsEntry("r", "4").containsEntry("alpha", "8").containsEntry("dropout", "0.0");
            assertThat(folder.options().get("targets").split(",")).containsExactlyInAnyOrder("query", "value");

            Adaptation lora = PeftAdapters.attach(model, folder, manager);
            Map<String, Parameter> trainable = PeftAdapterParity.trainableWithHead(lora, model);
            // LoRA: 3 layers x 2 targets x r (in + out) = 6 x 4 x 64 = 1,536; head: 32 x 32 + 32 + 3 x 32 + 3 = 1,155.
            assertThat(PeftAdapterParity.count(trainable)).isEqualTo(PeftAdapterParity.countFromMeta(adapter)).isEqualTo(2691);

            PeftAdapterParity.assertForwardAndBackwardMatch(model, trainable, base.resolve("expected.safetensors"),
                    adapter.resolve("expected.safetensors"), manager);
        }
    }
}
