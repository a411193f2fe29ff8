package org.peftrepro.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.TinyRoberta;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.Models;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.SubLayerSite;

class BottleneckAdapterTest {
    private static final String LAYER_0 = "roberta.encoder.layer.0.";

    private static Adaptation attach(PeftMethod method, Backbone model, Map<String, String> options) {
        return method.attach(model, method.resolve(options));
    }

    /** Per adapter 2 d m + d + m; RoBERTa-base d = 768, 12 layers. */
    @Test
    void countsOnRobertaBasePerPlacementWithNothingAllocated() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        Adaptation houlsby = attach(new AdapterHoulsby(), model, Map.of());
        // m = 8: 2 x 768 x 8 + 768 + 8 = 13,064 per adapter, 12 after attention and 12 after the FFN.
        assertThat(BottleneckAdapter.countPerPlacement(houlsby.trainable()))
                .containsExactly(Map.entry("attention", 12 * 13_064L), Map.entry("ffn", 12 * 13_064L));
        assertThat(houlsby.trainable().count()).isEqualTo(24 * 13_064L);
        assertThat(houlsby.trainable().asMap().values()).noneMatch(Parameter::isInitialized);
        houlsby.detach();

        Adaptation pfeiffer = attach(new AdapterPfeiffer(), model, Map.of());
        // m = 16: 2 x 768 x 16 + 768 + 16 = 25,360 per adapter, after the FFN only.
        assertThat(BottleneckAdapter.countPerPlacement(pfeiffer.trainable())).containsExactly(Map.entry("ffn", 12 * 25_360L));
        assertThat(pfeiffer.trainable().count()).isEqualTo(304_320L);
        pfeiffer.detach();

        Adaptation wide = attach(new AdapterHoulsby(), model, Map.of("bottleneck", "64"));
        assertThat(wide.trainable().count()).isEqualTo(24 * (2L * 768 * 64 + 768 + 64));
    }

    @Test
    void houlsbySitsAfterAttentionAndFfnPfeifferAfterTheFfnOnly() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        Adaptation pfeiffer = attach(new AdapterPfeiffer(), model, Map.of());
        for (SubLayerSite site : model.sites().subLayerOutputs()) {
            assertThat(site.transforms()).as(site.name()).hasSize(site.kind() == SubLayerSite.Kind.FFN ? 1 : 0);
        }
        assertThat(pfeiffer.trainable().names()).contains(LAYER_0 + "output.adapter.ffn.down.weight",
                LAYER_0 + "output.adapter.ffn.down.bias", LAYER_0 + "output.adapter.ffn.up.weight", LAYER_0 + "output.adapter.ffn.up.bias");
        pfeiffer.detach();
        assertThat(model.sites().subLayerOutputs()).allMatch(s -> s.transforms().isEmpty());

        attach(new AdapterHoulsby(), model, Map.of());
        assertThat(model.sites().subLayerOutputs()).allMatch(s -> s.transforms().size() == 1);
    }

    @Test
    void anUnknownActivationIsAnErrorListingTheChoices() {
        Backbone model = Models.build(ModelLocator.config("FacebookAI/roberta-base"));
        assertThatThrownBy(() -> attach(new AdapterHoulsby(), model, Map.of("activation", "tanh")))
                .hasMessageContaining("activation").hasMessageContaining("relu|gelu|swish");
    }

    @Test
    void atInitialisationTheModelComputesExactlyWhatTheBareModelDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 3);
            NDArray ids = TinyRoberta.inputIds(manager);
            NDArray mask = TinyRoberta.attentionMask(ids);
            float[] bare = model.forward(ids, mask, null, null, ForwardContext.inference(mask)).logits().toFloatArray();

            Adaptation houlsby = attach(new AdapterHoulsby(), model, Map.of("activation", "gelu"));
            houlsby.initialize(manager);
            float[] adapted = model.forward(ids, mask, null, null, ForwardContext.inference(mask)).logits().toFloatArray();

            assertThat(adapted).containsExactly(bare);
        }
    }

    /** W_up = 0 at the start: W_up gets a gradient (through act(W_down h)), W_down none yet (through W_up). */
    @Test
    void gradientsReachWUpFirst() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 4);
            Adaptation houlsby = attach(new AdapterHoulsby(), model, Map.of());
            houlsby.initialize(manager);
            NDArray ids = TinyRoberta.inputIds(manager);
            NDArray mask = TinyRoberta.attentionMask(ids);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                ClassifierOutput out = model.forward(ids, mask, null, TinyRoberta.labels(manager), ForwardContext.inference(mask));
                collector.backward(out.loss());
            }
            houlsby.trainable().asMap().forEach((name, p) -> {
                double norm = p.getArray().getGradient().abs().sum().getFloat();
                if (name.endsWith(".up.weight") || name.endsWith(".up.bias")) {
                    assertThat(norm).as("|grad| of %s", name).isGreaterThan(0);
                } else {
                    assertThat(norm).as("|grad| of %s", name).isZero();
                }
            });
        }
    }

    /** h + W_up act(W_down h + b_down) + b_up, element by element, with every weight non-zero. */
    @Test
    void theTransformIsTheFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 9);
            for (String activation : new String[] {"relu", "swish"}) {
                Adaptation pfeiffer = attach(new AdapterPfeiffer(), model, Map.of("bottleneck", "3", "activation", activation));
                pfeiffer.initialize(manager);
                String prefix = LAYER_0 + "output.adapter.ffn.";
                pfeiffer.trainable().asMap().values().forEach(p -> TinyRoberta.randomize(p, manager, 0.4));
                float[] down = pfeiffer.trainable().get(prefix + "down.weight").getArray().toFloatArray();
                float[] downBias = pfeiffer.trainable().get(prefix + "down.bias").getArray().toFloatArray();
                float[] up = pfeiffer.trainable().get(prefix + "up.weight").getArray().toFloatArray();
                float[] upBias = pfeiffer.trainable().get(prefix + "up.bias").getArray().toFloatArray();

                SubLayerSite ffn0 = model.sites().subLayerOutputs().stream()
                        .filter(s -> s.layer() == 0 && s.kind() == SubLayerSite.Kind.FFN).findFirst().orElseThrow();
                NDArray h = manager.randomNormal(new Shape(2, 32));
                float[] actual = ffn0.transforms().get(0).apply(h, ForwardContext.inference(null)).toFloatArray();
                float[] x = h.toFloatArray();
                for (int n = 0; n < 2; n++) {
                    double[] hidden = new double[3];
                    for (int j = 0; j < 3; j++) {
                        double pre = downBias[j];
                        for (int k = 0; k < 32; k++) {
                            pre += down[j * 32 + k] * x[n * 32 + k];
                        }
                        hidden[j] = activation.equals("relu") ? Math.max(0, pre) : pre / (1 + Math.exp(-pre));
                    }
                    for (int o = 0; o < 32; o++) {
                        double expected = x[n * 32 + o] + upBias[o];
                        for (int j = 0; j < 3; j++) {
                            expected += up[o * 3 + j] * hidden[j];
                        }
                        assertThat((double) actual[n * 32 + o]).as("%s, h'[%d,%d]", activation, n, o).isCloseTo(expected, offset(1e-5));
                    }
                }
                pfeiffer.detach();
            }
        }
    }

    /** GELU is the exact x Phi(x): Phi(1) = 0.841344746, Phi(2) = 0.977249868 (normal tables). */
    @Test
    void geluIsTheExactOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] y = AdapterActivation.GELU.apply(manager.create(new float[] {-1, 0, 1, 2})).toFloatArray();
            assertThat(y[0]).isCloseTo(-0.158655254f, offset(1e-6f));
            assertThat(y[1]).isZero();
            assertThat(y[2]).isCloseTo(0.841344746f, offset(1e-6f));
            assertThat(y[3]).isCloseTo(1.954499736f, offset(1e-6f));
        }
    }
}
