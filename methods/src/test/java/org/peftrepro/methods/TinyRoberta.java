package org.peftrepro.methods;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.ModelConfigs;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;

/**
 * Small random RoBERTa classifiers for method tests (also used by the baselines' tests):
 *
 * <ul>
 *   <li>{@link #build(NDManager, int)}: 3 layers, 32 wide, 3 labels, from {@code tiny-roberta/config.json}, weights of
 *       standard deviation 0.2 (large enough that attention is far from uniform), with a padded batch of three
 *       sequences ({@link #inputIds}, {@link #attentionMask}, {@link #labels});</li>
 *   <li>{@link #withLayers}: any number of layers, 16 wide, 2 labels, with a padded batch of two ({@link #batch}).</li>
 * </ul>
 */
public final class TinyRoberta {
    public static final int PAD = 1;

    private TinyRoberta() {}

    public static RobertaConfig config() {
        try (InputStream in = TinyRoberta.class.getResourceAsStream("/tiny-roberta/config.json")) {
            return (RobertaConfig) ModelConfigs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "tiny-roberta/config.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 3-layer model with every weight drawn from the engine's generator seeded with {@code seed}. */
    public static RobertaForSequenceClassification build(NDManager manager, int seed) {
        RobertaConfig config = config();
        Engine.getInstance().setRandomSeed(seed);
        RobertaForSequenceClassification model = new RobertaForSequenceClassification(config);
        ModelWeights.initializeAll(model, manager, config.initializerRange());
        return model;
    }

    /** Three sequences of 8, 5 and 4 tokens, padded to 8 ({@code <s>} = 0, {@code </s>} = 2, pad = 1). */
    public static NDArray inputIds(NDManager manager) {
        return manager.create(new long[][] {
            {0, 10, 11, 12, 13, 14, 15, 2},
            {0, 20, 21, 22, 2, PAD, PAD, PAD},
            {0, 30, 31, 2, PAD, PAD, PAD, PAD}});
    }

    public static NDArray attentionMask(NDArray inputIds) {
        return inputIds.neq(PAD).toType(DataType.INT64, false);
    }

    public static NDArray labels(NDManager manager) {
        return manager.create(new long[] {0, 2, 1});
    }

    /** Replaces a parameter's values with N(0, std) draws: a zero-initialised weight made non-trivial. */
    public static void randomize(Parameter parameter, NDManager manager, double std) {
        boolean trains = parameter.requiresGradient();
        parameter.close();
        parameter.setInitializer(new NormalInitializer((float) std));
        parameter.initialize(manager, DataType.FLOAT32);
        parameter.freeze(!trains);
    }

    /** {@code layers} layers of width 16, 2 labels. */
    public static RobertaConfig config(int layers) {
        return new RobertaConfig(50, 16, layers, 2, 32, "gelu", 0.1, 0.1, 40, 1, 1e-5, 1, 0.2, 2, null,
                List.of("LABEL_0", "LABEL_1"), List.of("RobertaForSequenceClassification"));
    }

    /** The 16-wide model with {@code layers} layers, weights of standard deviation 0.2 from the engine's generator. */
    public static RobertaForSequenceClassification withLayers(NDManager manager, int layers) {
        RobertaForSequenceClassification model = new RobertaForSequenceClassification(config(layers));
        ModelWeights.initializeAll(model, manager, 0.2);
        return model;
    }

    /** A padded batch of two sequences for {@link #withLayers}: ids, mask, labels. */
    public static NDArray[] batch(NDManager manager) {
        NDArray ids = manager.create(new long[][] {{0, 7, 8, 9, 2, 1}, {0, 11, 12, 13, 14, 2}});
        NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1}});
        NDArray labels = manager.create(new long[] {0, 1});
        return new NDArray[] {ids, mask, labels};
    }
}
