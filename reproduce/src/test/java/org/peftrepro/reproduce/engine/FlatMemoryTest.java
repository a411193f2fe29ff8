package org.peftrepro.reproduce.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peftrepro.datasets.Batch;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;

/** A long run's memory stays flat: after warm-up, training steps leave no array behind in the model's manager. */
class FlatMemoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"lor2c", "lily", "lora"})
    void trainingStepsDoNotAccumulateArrays(String methodName) {
        RobertaConfig config = new RobertaConfig(60, 16, 2, 2, 32, "gelu", 0.1, 0.1, 20, 1, 1e-5, 1, 0.02, 2, null,
                List.of("a", "b"), List.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            RobertaForSequenceClassification model = new RobertaForSequenceClassification(config);
            ModelWeights.initializeAll(model, manager, 0.02);
            PeftMethod method = MethodRegistry.load().get(methodName);
            Adaptation adaptation = method.attach(model, method.resolve(Map.of("r", "4")));
            adaptation.initialize(manager);
            List<Parameter> head = new ArrayList<>();
            model.headParameterNames().forEach(n -> head.add(model.parameters().get(n)));
            head.forEach(p -> p.freeze(false));
            List<ParameterGroup> groups = List.of(
                    new ParameterGroup("method", List.copyOf(adaptation.trainable().asMap().values()), 1.0, 0.01),
                    new ParameterGroup("head", head, 0.5, 0.01));
            TrainStep step = new TrainStep(manager, (b, context) -> model.forward(b.inputIds(), b.attentionMask(),
                    b.tokenTypeIds(), b.labels(), context).loss(), groups, AdamW.withDefaults(), 1, 1.0,
                    new MemoryProbe(manager.getDevice()));
            Batch batch = new Batch(2, 5, new long[] {0, 7, 8, 2, 1, 0, 9, 10, 11, 2}, new long[] {1, 1, 1, 1, 0, 1, 1, 1, 1, 1},
                    new long[10], new int[] {0, 1}, null, new int[] {0, 1});

            for (int i = 0; i < 3; i++) { // optimizer state appears on the first step
                step.forwardBackward(batch);
                step.update(1e-3);
            }
            int afterWarmUp = manager.getManagedArrays().size();
            for (int i = 0; i < 12; i++) {
                step.forwardBackward(batch);
                step.update(1e-3);
            }
            assertThat(manager.getManagedArrays()).hasSize(afterWarmUp);
        }
    }
}
