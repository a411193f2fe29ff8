package org.peftrepro.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.nn.HalfPrecision;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;
import org.peftrepro.models.sites.ForwardContext;

/** A backbone whose frozen weight matrices are float16 computes what the float32 one does, to float16 precision. */
class HalfPrecisionTest {

    @Test
    void frozenMatricesGoToFloat16AndTheModelStillComputesAndTrainsItsHead() {
        RobertaConfig config = new RobertaConfig(60, 32, 2, 4, 64, "gelu", 0.1, 0.1, 20, 1, 1e-5, 1, 0.2, 3, null,
                List.of("a", "b", "c"), List.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            RobertaForSequenceClassification model = new RobertaForSequenceClassification(config);
            ModelWeights.initializeAll(model, manager, 0.2);
            NDArray ids = manager.create(new long[][] {{0, 5, 6, 7, 2, 1}, {0, 8, 9, 10, 11, 2}});
            NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1}});
            float[] reference = model.forward(ids, mask, null, null, ForwardContext.inference(mask)).logits().toFloatArray();

            Set<Parameter> head = new java.util.HashSet<>();
            model.headParameterNames().forEach(n -> head.add(model.parameters().get(n)));
            long halved = HalfPrecision.halveFrozenWeights(model, head, manager);

            // Embeddings and the 6 matrices of each layer; not the LayerNorms, biases, or the (trained) head.
            long expected = 60L * 32 + 20L * 32 + 32 + 2 * (4L * 32 * 32 + 2L * 32 * 64);
            assertThat(halved).isEqualTo(expected);
            assertThat(model.parameters().get("roberta.encoder.layer.0.attention.self.query.weight").getArray().getDataType())
                    .isEqualTo(DataType.FLOAT16);
            assertThat(model.parameters().get("roberta.encoder.layer.0.attention.self.query.bias").getArray().getDataType())
                    .isEqualTo(DataType.FLOAT32);
            assertThat(model.parameters().get("classifier.dense.weight").getArray().getDataType()).isEqualTo(DataType.FLOAT32);

            head.forEach(p -> p.freeze(false));
            NDArray loss;
            float[] half;
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                var out = model.forward(ids, mask, null, manager.create(new long[] {0, 2}), ForwardContext.inference(mask));
                half = out.logits().toFloatArray();
                loss = out.loss();
                gc.backward(loss);
            }
            assertThat(half).containsExactly(reference, org.assertj.core.data.Offset.offset(2e-2f));
            float[] grad = model.parameters().get("classifier.out_proj.weight").getArray().getGradient().toFloatArray();
            for (float g : grad) {
                assertThat(g).isFinite();
            }
            assertThat(grad).isNotEqualTo(new float[grad.length]); // not all zero
        }
    }
}
