package org.peftrepro.methods.lor2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.TinyRoberta;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.ResidualPath;

/** Merges and injections on a tiny RoBERTa: which modules, what they compute, what trains. */
class Lor2cEventsTest {
    private static final int LAYERS = 4;
    private static final int D = 16;
    private NDManager manager;
    private RobertaForSequenceClassification model;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(7);
        model = TinyRoberta.withLayers(manager, LAYERS);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Lor2cAdaptation attach(Lor2cFamily method, Map<String, String> options) {
        Lor2cAdaptation a = (Lor2cAdaptation) method.attach(model, method.resolve(options));
        a.initialize(manager);
        // B starts at zero; give every module a distinct random B so scores differ and paths contribute.
        for (Lor2cLayout.Module m : a.modules()) {
            m.update.b().getArray().set(manager.randomNormal(m.update.b().getShape()).mul(0.3f).toFloatArray());
        }
        return a;
    }

    private NDArray logits() {
        NDArray[] b = TinyRoberta.batch(manager);
        return model.forward(b[0], b[1], null, null, ForwardContext.inference(b[1])).logits();
    }

    @Test
    void aMergedModuleAddsItsLowRankTermOverItsWholeSpan() {
        Lor2cAdaptation a = attach(new MergeLor2c(), Map.of("merges", "1", "dropout", "0"));
        List<String> log = a.onEpochEnd(1, 3, manager);
        assertThat(log).hasSize(1).allMatch(l -> l.startsWith("merged"));
        Lor2cLayout.Module merged = a.modules().stream().filter(m -> m.start != m.end).findFirst().orElseThrow();
        NDArray withMethod = logits();

        // The same model computed by hand: the bare layers plus (alpha/r) B A h_s added after layer e.
        NDArray aVal = merged.update.a().getArray();
        NDArray bVal = merged.update.b().getArray();
        List<Lor2cLayout.Module> others = a.modules().stream().filter(m -> m != merged).toList();
        a.detach();
        for (Lor2cLayout.Module m : others) {
            model.sites().layerStack().addPath(m);
        }
        model.sites().layerStack().addPath(new ResidualPath() {
            public int start() {
                return merged.start;
            }

            public int end() {
                return merged.end;
            }

            public NDArray apply(NDArray h, ForwardContext c) {
                return h.matMul(aVal.transpose()).matMul(bVal.transpose()).mul(16.0f / 8);
            }
        });
        assertThat(logits().sub(withMethod).abs().max().getFloat()).isLessThan(1e-6f);
    }

    @Test
    void mergingPicksTheAdjacentPairWithTheLowestScoreSumAndCountsFall() {
        Lor2cAdaptation a = attach(new MergeLor2c(), Map.of("merges", "2"));
        List<Lor2cLayout.Module> before = a.modules();
        double best = Double.MAX_VALUE;
        int bestStart = -1;
        for (int i = 0; i + 1 < before.size(); i++) {
            double sum = a.score(before.get(i)) + a.score(before.get(i + 1));
            if (sum < best) {
                best = sum;
                bestStart = before.get(i).start;
            }
        }
        long perModule = 2L * D * 8;
        assertThat(a.trainable().count()).isEqualTo(LAYERS * perModule);
        a.onEpochEnd(1, 8, manager); // interval floor(8/4/2)+1 = 2: nothing after epoch 1
        assertThat(a.modules()).hasSize(LAYERS);
        a.onEpochEnd(2, 8, manager);
        assertThat(a.modules()).hasSize(LAYERS - 1);
        int chosen = bestStart;
        assertThat(a.modules()).anySatisfy(m -> assertThat(m.start == chosen && m.end == chosen + 1).isTrue());
        assertThat(a.trainable().count()).isEqualTo((LAYERS - 1) * perModule);
        a.onEpochEnd(4, 8, manager);
        assertThat(a.trainable().count()).isEqualTo((LAYERS - 2) * perModule).isEqualTo(a.trainableAtEnd(8));
    }

    @Test
    void inPaperFidelityMergedAndInjectedParametersTrain() {
        Lor2cAdaptation a = attach(new ImLor2c(), Map.of("merges", "1", "injections", "1"));
        a.onEpochEnd(1, 3, manager);
        assertThat(a.state().names()).anyMatch(n -> n.endsWith(".lora_A.weight"));
        assertThat(a.trainable().names()).isEqualTo(a.state().names());
        Map<String, float[]> before = values(a.trainable().asMap());
        sgdStep(a.trainable().asMap().values());
        Map<String, float[]> after = values(a.trainable().asMap());
        for (String name : a.trainable().names()) {
            if (name.contains("-") || name.contains("lora_B")) { // merged module and injected LoRA B
                assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
            }
        }
    }

    @Test
    void inOfficialCodeFidelityMergedAndInjectedModulesStayFrozen() {
        Lor2cAdaptation a = attach(new ImLor2c(), Map.of("merges", "1", "injections", "1", "fidelity", "official-code"));
        a.onEpochEnd(1, 3, manager);
        List<String> frozen = a.state().names().stream().filter(n -> !a.trainable().names().contains(n)).toList();
        assertThat(frozen).anyMatch(n -> n.contains("lora_")).anyMatch(n -> n.matches("lor2c\\.\\d+-\\d+\\.B") && !n.matches("lor2c\\.(\\d+)-\\1\\.B"));
        for (String name : frozen) {
            assertThat(a.state().get(name).requiresGradient()).as(name).isFalse();
        }
        assertThat(a.trainableAtEnd(3)).isEqualTo(a.state().count());
    }

    @Test
    void injectionRemovesTheLowestScoreInPaperFidelityAndTheLargestInOfficialCode() {
        Lor2cAdaptation paper = attach(new InjectLor2c(), Map.of("injections", "1"));
        int lowest = paper.modules().stream().min((x, y) -> Double.compare(paper.score(x), paper.score(y))).orElseThrow().start;
        paper.onEpochEnd(1, 3, manager);
        assertThat(paper.modules()).noneMatch(m -> m.start == lowest);
        paper.detach();

        Lor2cAdaptation official = attach(new InjectLor2c(), Map.of("injections", "1", "fidelity", "official-code"));
        int largest = official.modules().stream().max((x, y) -> Double.compare(official.score(x), official.score(y))).orElseThrow().start;
        official.onEpochEnd(1, 3, manager);
        assertThat(official.modules()).noneMatch(m -> m.start == largest);
    }

    @Test
    void badOptionsAreErrorsNamingTheOption() {
        Lor2c method = new Lor2c();
        assertThatThrownBy(() -> method.resolve(Map.of("rank", "8"))).hasMessageContaining("no option 'rank'");
        assertThatThrownBy(() -> method.attach(model, method.resolve(Map.of("r", "0")))).hasMessageContaining("option r must be a positive integer");
        assertThatThrownBy(() -> method.attach(model, method.resolve(Map.of("sfs", "max")))).hasMessageContaining("top-k-share|spread|mean");
    }

    private Map<String, float[]> values(Map<String, Parameter> params) {
        Map<String, float[]> result = new java.util.TreeMap<>();
        params.forEach((n, p) -> result.put(n, p.getArray().toFloatArray()));
        return result;
    }

    /** One plain gradient step on the given parameters (the engine's AdamW is tested elsewhere). */
    private void sgdStep(Iterable<Parameter> params) {
        NDArray[] b = TinyRoberta.batch(manager);
        try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray loss = model.forward(b[0], b[1], null, b[2], new ForwardContext(true, b[1])).loss();
            gc.backward(loss);
        }
        for (Parameter p : params) {
            NDArray w = p.getArray();
            w.subi(w.getGradient().mul(0.1f));
        }
    }
}
