package org.peftrepro.baselines;

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
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.ModelConfigs;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;

/**
 * A 3-layer, 32-wide RoBERTa classifier (3 labels) with random weights of standard deviation 0.2, large enough
 * that attention is far from uniform, and a padded batch of three sequences for it.
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

    /** A model with every weight drawn from the engine's generator seeded with {@code seed}. */
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
}
