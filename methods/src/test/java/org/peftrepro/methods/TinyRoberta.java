package org.peftrepro.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.peftrepro.models.checkpoint.ModelWeights;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;

/** A small random RoBERTa classifier (4 layers, hidden 16) for method tests. */
public final class TinyRoberta {
    private TinyRoberta() {}

    public static RobertaConfig config(int layers) {
        return new RobertaConfig(50, 16, layers, 2, 32, "gelu", 0.1, 0.1, 40, 1, 1e-5, 1, 0.2, 2, null,
                List.of("LABEL_0", "LABEL_1"), List.of("RobertaForSequenceClassification"));
    }

    public static RobertaForSequenceClassification build(NDManager manager, int layers) {
        RobertaForSequenceClassification model = new RobertaForSequenceClassification(config(layers));
        ModelWeights.initializeAll(model, manager, 0.2);
        return model;
    }

    /** A padded batch of two sequences. */
    public static NDArray[] batch(NDManager manager) {
        NDArray ids = manager.create(new long[][] {{0, 7, 8, 9, 2, 1}, {0, 11, 12, 13, 14, 2}});
        NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1}});
        NDArray labels = manager.create(new long[] {0, 1});
        return new NDArray[] {ids, mask, labels};
    }
}
