package org.peftrepro.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.config.RobertaConfig;

/**
 * The model shapes the method benchmarks run on: RoBERTa-base as its bundled config.json describes it, and a
 * tiny RoBERTa of the smoke scale's shape (6 layers, hidden 64) that any machine trains in milliseconds.
 */
public enum ModelShape {
    TINY("tiny"),
    ROBERTA_BASE("roberta-base");

    /** The tiny shape's vocabulary: large enough for random ids, small enough that full fine-tuning stays cheap. */
    static final int TINY_VOCAB = 1000;

    private final String wireName;

    ModelShape(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in {@code --shapes} and as the JMH parameter value. */
    public String wireName() {
        return wireName;
    }

    /** The classifier's config, two labels (random weights of this shape are drawn by the benchmark). */
    public RobertaConfig config() {
        return switch (this) {
            // As the smoke scale's model (SmokeAssets), with positions for sequences of up to 512 tokens.
            case TINY -> new RobertaConfig(TINY_VOCAB, 64, 6, 4, 128, "gelu", 0.1, 0.1, 514, 1, 1e-5, 1, 0.02, 2,
                    null, List.of("LABEL_0", "LABEL_1"), List.of("RobertaForSequenceClassification"));
            case ROBERTA_BASE -> ((RobertaConfig) ModelLocator.knownConfig("FacebookAI/roberta-base").orElseThrow())
                    .withNumLabels(2);
        };
    }

    /** The longest sequence the position table holds. */
    public int maxLength() {
        return config().maxSequenceLength();
    }

    /** {@code tiny} or {@code roberta-base}; anything else is an error naming the known shapes. */
    public static ModelShape parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown shape '" + value + "' (known: "
                        + String.join(", ", wireNames()) + ")"));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ModelShape::wireName).toList();
    }
}
