package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.sites.ForwardContext;

/** Our RoBERTa against HF transformers' RobertaForSequenceClassification on the same checkpoint. */
class RobertaParityTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void everyHiddenStateLogitsAndLossMatchHfTransformers() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile expected = SafetensorsFile.open(folder.resolve("expected.safetensors"))) {
            PretrainedModel loaded = PretrainedModel.load(folder, manager);
            assertThat(loaded.report().initialized()).as("every weight comes from the checkpoint").isEmpty();
            assertThat(loaded.report().unused()).isEmpty();
            SequenceClassifier model = (SequenceClassifier) loaded.model();

            NDArray ids = expected.read("input_ids", manager);
            NDArray mask = expected.read("attention_mask", manager);
            NDArray labels = expected.read("labels", manager);
            ClassifierOutput out = model.forward(ids, mask, null, labels, ForwardContext.inference(mask));

            assertThat(out.hiddenStates()).hasSize(4);
            for (int i = 0; i < out.hiddenStates().size(); i++) {
                Fixtures.assertClose("hidden_states." + i, out.hiddenStates().get(i), expected.read("hidden_states." + i, manager), TOLERANCE);
            }
            Fixtures.assertClose("last_hidden_state", out.lastHiddenState(), expected.read("last_hidden_state", manager), TOLERANCE);
            Fixtures.assertClose("logits", out.logits(), expected.read("logits", manager), TOLERANCE);
            Fixtures.assertClose("loss", out.loss().reshape(1), expected.read("loss", manager), TOLERANCE);
        }
    }
}
