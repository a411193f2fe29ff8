package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peftrepro.methods.lor2c.Lor2c;
import org.peftrepro.methods.lor2c.ShareLor2c;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.sites.ForwardContext;

/**
 * LoR2C against the reference: residual low-rank paths over layer spans 0..1 (a merged module) and 2..2,
 * implemented with forward hooks on HF transformers' RobertaLayer (fixtures roberta-tiny-lor2c and -share).
 */
class Lor2cParityTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void logitsLossAndEveryGradientMatchTheReference(boolean sharedA) throws Exception {
        Path base = Fixtures.folder("roberta-tiny");
        Path fixture = Fixtures.folder(sharedA ? "roberta-tiny-lor2c-share" : "roberta-tiny-lor2c");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile inputs = SafetensorsFile.open(base.resolve("expected.safetensors"));
                SafetensorsFile expected = SafetensorsFile.open(fixture.resolve("expected.safetensors"))) {
            SequenceClassifier model = (SequenceClassifier) PretrainedModel.load(base, manager).model();
            PeftMethod method = sharedA ? new ShareLor2c() : new Lor2c();
            Adaptation adaptation = method.attach(model, method.resolve(Map.of("r", "4", "alpha", "8", "dropout", "0")));
            adaptation.initialize(manager);

            // Fixture module k spans meta.json's spans_inclusive[k]: 0 -> layers 0..1, 1 -> layer 2.
            String[] spans = {"0-1", "2-2"};
            Map<String, NDArray> saved = new HashMap<>();
            for (int k = 0; k < 2; k++) {
                saved.put("lor2c." + spans[k] + ".B", expected.read("param.lor2c." + k + ".B", manager));
                if (!sharedA) {
                    saved.put("lor2c." + spans[k] + ".A", expected.read("param.lor2c." + k + ".A", manager));
                }
            }
            if (sharedA) {
                saved.put("lor2c.shared.A", expected.read("param.lor2c.0.A", manager));
            }
            adaptation.load(saved);
            for (String head : model.headParameterNames()) {
                model.parameters().get(head).freeze(false);
            }

            NDArray ids = inputs.read("input_ids", manager);
            NDArray mask = inputs.read("attention_mask", manager);
            ClassifierOutput out;
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                out = model.forward(ids, mask, null, inputs.read("labels", manager), ForwardContext.inference(mask)); // eval mode, as the reference: no dropout, gradients on
                gc.backward(out.loss());
            }
            Fixtures.assertCloseAbsOrRel("logits", out.logits(), expected.read("logits", manager), 1e-5, 1e-4);
            Fixtures.assertCloseAbsOrRel("loss", out.loss().reshape(1), expected.read("loss", manager), 1e-5, 1e-4);

            int compared = 0;
            for (String name : expected.tensors().keySet()) {
                if (!name.startsWith("grad.")) {
                    continue;
                }
                String ref = name.substring("grad.".length());
                NDArray grad;
                if (ref.startsWith("classifier.")) {
                    grad = model.parameters().get(ref).getArray().getGradient();
                } else if (ref.equals("lor2c.shared.A")) {
                    grad = adaptation.trainable().get("lor2c.shared.A").getArray().getGradient();
                } else {
                    String[] parts = ref.split("\\."); // lor2c.<k>.<A|B>
                    grad = adaptation.trainable().get("lor2c." + spans[Integer.parseInt(parts[1])] + "." + parts[2]).getArray().getGradient();
                }
                Fixtures.assertCloseAbsOrRel(name, grad, expected.read(name, manager), 1e-5, 1e-4);
                compared++;
            }
            assertThat(compared).isEqualTo(sharedA ? 7 : 8);
        }
    }
}
