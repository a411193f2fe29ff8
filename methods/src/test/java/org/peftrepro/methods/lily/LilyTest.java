package org.peftrepro.methods.lily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peftrepro.methods.TinyRoberta;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.Models;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.LinearSite;

class LilyTest {
    private static final String QUERY_0 = "roberta.encoder.layer.0.attention.self.query";

    private static Adaptation attach(Backbone model, Map<String, String> options) {
        Lily lily = new Lily();
        return lily.attach(model, lily.resolve(options));
    }

    /**
     * Per target type on RoBERTa-base (d = 768, 12 layers), r = 32, stride 12 / N_e: N_e A's of 32 x 768, a pool of
     * N_e experts of 32 x 768, 12 routers of N_e x 32. N_e = 2: 49,152 + 49,152 + 768 = 99,072, twice for q and v.
     */
    @ParameterizedTest
    @CsvSource({"2, 198144", "3, 297216", "4, 396288"})
    void countsOnRobertaBaseFollowThePapersArithmeticWithNothingAllocated(int experts, long expected) {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        Adaptation lily = attach(model, Map.of("experts", Integer.toString(experts)));

        assertThat(lily.trainable().count()).isEqualTo(expected);
        assertThat(lily.trainable().asMap().values()).noneMatch(Parameter::isInitialized);
        long as = lily.trainable().names().stream().filter(n -> n.endsWith(".lily_A.weight")).count();
        assertThat(as).as("N_A = N_e for each of query and value").isEqualTo(2L * experts);
    }

    @Test
    void namesFollowPeftAShareByBlocksBPoolAtTheFirstLayerRouterEverywhere() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        Adaptation lily = attach(model, Map.of()); // N_e = 2: stride 6

        assertThat(lily.trainable().names().stream().filter(n -> n.contains(".query.lily_A."))).containsExactly(
                "roberta.encoder.layer.0.attention.self.query.lily_A.weight",
                "roberta.encoder.layer.6.attention.self.query.lily_A.weight");
        assertThat(lily.trainable().names().stream().filter(n -> n.contains("lily_B"))).containsExactly(
                "roberta.encoder.layer.0.attention.self.query.lily_B.weight",
                "roberta.encoder.layer.0.attention.self.value.lily_B.weight");
        assertThat(lily.trainable().names().stream().filter(n -> n.contains("lily_router"))).hasSize(24);
        assertThat(lily.trainable().get("roberta.encoder.layer.0.attention.self.value.lily_B.weight").getShape())
                .isEqualTo(new Shape(2 * 32, 768));
        assertThat(lily.trainable().get("roberta.encoder.layer.3.attention.self.value.lily_router.weight").getShape())
                .isEqualTo(new Shape(2, 32));
    }

    /** 12 layers, stride 5: blocks 0-4, 5-9 and a shorter 10-11, so 3 A's per target. */
    @Test
    void aStrideThatDoesNotDivideTheLayersLeavesAShorterLastBlock() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        Adaptation lily = attach(model, Map.of("stride", "5"));

        assertThat(lily.trainable().names().stream().filter(n -> n.contains(".value.lily_A."))).containsExactly(
                "roberta.encoder.layer.0.attention.self.value.lily_A.weight",
                "roberta.encoder.layer.5.attention.self.value.lily_A.weight",
                "roberta.encoder.layer.10.attention.self.value.lily_A.weight");
        // Per target: 3 x 32 x 768 + 2 x 32 x 768 + 12 x 2 x 32 = 73,728 + 49,152 + 768.
        assertThat(lily.trainable().count()).isEqualTo(2L * (73_728 + 49_152 + 768));
    }

    @Test
    void badOptionsAreErrorsNamingTheOption() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        assertThatThrownBy(() -> attach(model, Map.of("routing", "token")))
                .hasMessageContaining("routing").hasMessageContaining("batch-mean|sequence");
        assertThatThrownBy(() -> attach(model, Map.of("stride", "0"))).hasMessageContaining("stride");
        assertThatThrownBy(() -> attach(model, Map.of("experts", "two"))).hasMessageContaining("experts");
    }

    /**
     * The update of one linear against the formula computed element by element: z = A x, logits R z, the mixture
     * p, combined B = sum_e p_e B_e (B stored as (N_e r, out), expert e in rows e r .. e r + r - 1), s z combined B.
     */
    @Test
    void theUpdateIsTheFormulaForBothRoutings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String routing : List.of(Lily.ROUTING_BATCH_MEAN, Lily.ROUTING_SEQUENCE)) {
                RobertaForSequenceClassification model = TinyRoberta.build(manager, 11);
                Adaptation lily = attach(model, Map.of("r", "4", "experts", "3", "stride", "1", "scaling", "0.7",
                        "routing", routing));
                lily.initialize(manager);
                Parameter pool = lily.trainable().get(QUERY_0 + ".lily_B.weight");
                TinyRoberta.randomize(pool, manager, 0.5);
                float[] a = lily.trainable().get(QUERY_0 + ".lily_A.weight").getArray().toFloatArray();
                float[] router = lily.trainable().get(QUERY_0 + ".lily_router.weight").getArray().toFloatArray();
                float[] b = pool.getArray().toFloatArray();

                LinearSite query0 = model.sites().linears(List.of(QUERY_0)).get(0);
                NDArray x = manager.randomNormal(new Shape(2, 3, 32));
                NDArray mask = manager.create(new long[][] {{1, 1, 1}, {1, 1, 0}});
                float[] actual = query0.deltas().get(0).apply(x, ForwardContext.inference(mask)).toFloatArray();

                double[][][] expected = lilyByHand(x.toFloatArray(), new long[] {1, 1, 1, 1, 1, 0}, a, router, b,
                        2, 3, 32, 4, 3, 32, 0.7, routing.equals(Lily.ROUTING_SEQUENCE));
                for (int n = 0; n < 2; n++) {
                    for (int t = 0; t < 3; t++) {
                        for (int o = 0; o < 32; o++) {
                            assertThat((double) actual[(n * 3 + t) * 32 + o]).as("%s routing, delta[%d,%d,%d]", routing, n, t, o)
                                    .isCloseTo(expected[n][t][o], org.assertj.core.data.Offset.offset(1e-5));
                        }
                    }
                }
            }
        }
    }

    private static double[][][] lilyByHand(float[] x, long[] mask, float[] a, float[] router, float[] b, int batch, int seq,
            int in, int r, int experts, int out, double scaling, boolean perSequence) {
        double[][][] z = new double[batch][seq][r];
        double[][][] logits = new double[batch][seq][experts];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < seq; t++) {
                for (int i = 0; i < r; i++) {
                    for (int k = 0; k < in; k++) {
                        z[n][t][i] += a[i * in + k] * x[(n * seq + t) * in + k];
                    }
                }
                for (int e = 0; e < experts; e++) {
                    for (int i = 0; i < r; i++) {
                        logits[n][t][e] += router[e * r + i] * z[n][t][i];
                    }
                }
            }
        }
        double[][] p = new double[batch][experts];
        if (perSequence) {
            for (int n = 0; n < batch; n++) {
                double[] summed = new double[experts];
                for (int t = 0; t < seq; t++) {
                    for (int e = 0; e < experts; e++) {
                        summed[e] += mask[n * seq + t] * logits[n][t][e];
                    }
                }
                p[n] = softmax(summed);
            }
        } else {
            double[] mean = new double[experts];
            for (int n = 0; n < batch; n++) {
                for (int t = 0; t < seq; t++) { // padding included, as PEFT
                    double[] q = softmax(logits[n][t]);
                    for (int e = 0; e < experts; e++) {
                        mean[e] += q[e] / (batch * seq);
                    }
                }
            }
            for (int n = 0; n < batch; n++) {
                p[n] = mean;
            }
        }
        double[][][] delta = new double[batch][seq][out];
        for (int n = 0; n < batch; n++) {
            double[][] combined = new double[r][out];
            for (int e = 0; e < experts; e++) {
                for (int i = 0; i < r; i++) {
                    for (int o = 0; o < out; o++) {
                        combined[i][o] += p[n][e] * b[(e * r + i) * out + o];
                    }
                }
            }
            for (int t = 0; t < seq; t++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < r; i++) {
                        delta[n][t][o] += scaling * z[n][t][i] * combined[i][o];
                    }
                }
            }
        }
        return delta;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] result = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            result[i] = Math.exp(logits[i] - max);
            sum += result[i];
        }
        for (int i = 0; i < logits.length; i++) {
            result[i] /= sum;
        }
        return result;
    }

    @Test
    void withSequenceRoutingASampleIgnoresItsBatchMatesWithBatchMeanItDoesNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(largestChangeFromBatchMates(manager, Lily.ROUTING_SEQUENCE)).isLessThan(1e-5);
            assertThat(largestChangeFromBatchMates(manager, Lily.ROUTING_BATCH_MEAN)).isGreaterThan(1e-3);
        }
    }

    /** The largest difference between a sample's logits in the padded batch and on its own, over the samples. */
    private static double largestChangeFromBatchMates(NDManager manager, String routing) {
        RobertaForSequenceClassification model = TinyRoberta.build(manager, 5);
        Adaptation lily = attach(model, Map.of("r", "8", "stride", "1", "scaling", "1.0", "routing", routing));
        lily.initialize(manager);
        lily.trainable().asMap().forEach((name, p) -> {
            if (name.endsWith(".lily_B.weight")) {
                TinyRoberta.randomize(p, manager, 0.3);
            }
        });
        NDArray ids = TinyRoberta.inputIds(manager);
        NDArray mask = TinyRoberta.attentionMask(ids);
        float[] together = model.forward(ids, mask, null, null, ForwardContext.inference(mask)).logits().toFloatArray();
        long[] lengths = mask.sum(new int[] {1}).toLongArray();
        double largest = 0;
        for (int n = 0; n < lengths.length; n++) {
            NDArray alone = ids.get(n + ":" + (n + 1) + ", 0:" + lengths[n]);
            NDArray aloneMask = TinyRoberta.attentionMask(alone);
            float[] logits = model.forward(alone, aloneMask, null, null, ForwardContext.inference(aloneMask)).logits().toFloatArray();
            for (int c = 0; c < logits.length; c++) {
                largest = Math.max(largest, Math.abs(logits[c] - together[n * logits.length + c]));
            }
        }
        lily.detach();
        return largest;
    }

    @Test
    void detachLeavesTheBackboneAsItWas() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        Adaptation lily = attach(model, Map.of());
        assertThat(model.sites().linears(List.of("query", "value"))).allMatch(s -> s.deltas().size() == 1);
        lily.detach();
        assertThat(model.sites().linears()).allMatch(s -> s.deltas().isEmpty());
    }
}
