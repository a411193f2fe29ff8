package org.peftrepro.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.config.ModelConfig;

/**
 * The low-rank modules whose SFS a LoR2C run scores: one d x d module B A per layer, with d and the layer count
 * of the backbone's bundled config.json (RoBERTa-base: 12 of d 768; LLaMA-2-7B: 32 of d 4096), filled with
 * random values (a trained module's values do not change the cost).
 */
public final class SfsModules {
    /** The backbones of the two papers, by the name the SFS benchmark's parameter uses. */
    public enum Backbone {
        ROBERTA_BASE("roberta-base", "FacebookAI/roberta-base"),
        LLAMA_2_7B("llama-2-7b", "meta-llama/Llama-2-7b-hf");

        private final String wireName;
        private final String hubId;

        Backbone(String wireName, String hubId) {
            this.wireName = wireName;
            this.hubId = hubId;
        }

        public String wireName() {
            return wireName;
        }

        public ModelConfig config() {
            return ModelLocator.knownConfig(hubId).orElseThrow();
        }

        public static Backbone parse(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(b -> b.wireName.equals(v)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown SFS backbone '" + value + "' (known: "
                            + String.join(", ", Arrays.stream(values()).map(Backbone::wireName).toList()) + ")"));
        }
    }

    /** One module: A (r, d) and B (d, r), row-major. */
    public record Module(float[] a, float[] b) {}

    private final int d;
    private final int r;
    private final List<Module> modules;

    private SfsModules(int d, int r, List<Module> modules) {
        this.d = d;
        this.r = r;
        this.modules = modules;
    }

    /**
     * @param limit how many of the backbone's modules to make; 0 or less: all of them
     */
    public static SfsModules random(Backbone backbone, int r, int limit, long seed) {
        ModelConfig config = backbone.config();
        int count = limit > 0 ? Math.min(limit, config.numHiddenLayers()) : config.numHiddenLayers();
        return random(config.hiddenSize(), r, count, seed);
    }

    public static SfsModules random(int d, int r, int count, long seed) {
        if (r <= 0 || r > d) {
            throw new IllegalArgumentException("rank " + r + " must be in 1.." + d);
        }
        Random random = new Random(seed);
        Module[] modules = new Module[count];
        for (int m = 0; m < count; m++) {
            modules[m] = new Module(gaussian(random, r * d), gaussian(random, d * r));
        }
        return new SfsModules(d, r, List.of(modules));
    }

    public int d() {
        return d;
    }

    public int r() {
        return r;
    }

    public List<Module> modules() {
        return modules;
    }

    private static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
