package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.baselines.peft.AdapterFolder;
import org.peftrepro.baselines.peft.PeftAdapters;
import org.peftrepro.baselines.peft.PeftNames;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.SafetensorsFile;

/**
 * Our Lily, loaded from a PEFT 0.21 adapter folder ({@code LilyConfig(r=8, stride_A=1, num_B=2, scaling=0.5)} on
 * query and value, batch-mean routing), against PEFT's forward and backward on the tiny RoBERTa.
 */
class LilyPeftParityTest {

    @Test
    void logitsLossAndEveryGradientMatchPeft() throws Exception {
        Path base = Fixtures.folder("roberta-tiny");
        Path adapter = Fixtures.folder("roberta-tiny-lily");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile expected = SafetensorsFile.open(adapter.resolve("expected.safetensors"))) {
            SequenceClassifier model = (SequenceClassifier) PretrainedModel.load(base, manager).model();
            AdapterFolder folder = PeftAdapters.read(adapter);
            assertThat(folder.methodName()).isEqualTo("lily");
            assertThat(folder.options()).containsEntry("r", "8").containsEntry("experts", "2").containsEntry("stride", "1")
                    .containsEntry("scaling", "0.5").containsEntry("routing", "batch-mean");

            Adaptation lily = PeftAdapters.attach(model, folder, manager);
            Map<String, Parameter> trainable = PeftAdapterParity.trainableWithHead(lily, model);
            // Per target: A 3 x 8 x 32 + routers 3 x 2 x 8 + B pool 16 x 32 = 1,328; two targets 2,656; head 1,155.
            assertThat(PeftAdapterParity.count(trainable)).isEqualTo(PeftAdapterParity.countFromMeta(adapter)).isEqualTo(3811);

            // The folder's values are PEFT's in-memory parameters (param.<name>), under PEFT's other naming.
            for (String name : expected.tensors().keySet()) {
                if (name.startsWith("param.")) {
                    String ours = PeftNames.ours(name.substring("param.".length()));
                    assertThat(trainable).as("parameter for %s", name).containsKey(ours);
                    Fixtures.assertClose(name, trainable.get(ours).getArray(), expected.read(name, manager), 0);
                }
            }

            PeftAdapterParity.assertForwardAndBackwardMatch(model, trainable, base.resolve("expected.safetensors"),
                    adapter.resolve("expected.safetensors"), manager);
        }
    }
}
