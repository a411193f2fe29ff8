package org.peftrepro.methods.lor2c;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.DeclaredMethod;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.ProtocolDefaults;
import org.peftrepro.models.Backbone;

/**
 * What the five LoR2C variants share: the options (defaults from the official GLUE script: r=8, alpha=16,
 * dropout 0.1; injected LoRA alpha 16, dropout 0.05) and Table II's settings. The variants differ in their
 * defaults (merges, injections) and whether A is shared.
 */
public abstract class Lor2cFamily extends DeclaredMethod {
    /** Table II's merges and injections, for the variants that merge or inject. */
    private static final int TABLE2_EVENTS = 8;

    private final boolean shareA;

    /**
     * @param row the variant's place among the tables' rows
     * @param defaultMerges merges in a run unless set (0: the variant does not merge)
     * @param defaultInjections injections in a run unless set (0: the variant does not inject)
     */
    protected Lor2cFamily(String name, String displayName, String description, int row, boolean shareA,
            int defaultMerges, int defaultInjections) {
        super(MethodDeclaration.builder(name).displayName(displayName).description(description).row(row)
                .options(options(defaultMerges, defaultInjections))
                .protocol(table2(defaultMerges > 0, defaultInjections > 0))
                .build());
        this.shareA = shareA;
    }

    private static List<OptionSpec> options(int defaultMerges, int defaultInjections) {
        String[] fidelities = Arrays.stream(Fidelity.values()).map(Fidelity::wireName).toArray(String[]::new);
        return List.of(
                OptionSpec.positiveInteger("r", 8, "rank of each module's B A"),
                OptionSpec.positiveNumber("alpha", 16, "scaling numerator: modules add (alpha/r) B A h"),
                OptionSpec.probability("dropout", 0.1, "dropout on each module's input"),
                OptionSpec.count("merges", defaultMerges, "how many merges of adjacent modules"),
                OptionSpec.count("injections", defaultInjections, "how many modules are replaced by LoRA on W_Q, W_V"),
                OptionSpec.choice("sfs", "mean", "score form (official code default: mean)", "top-k-share", "spread", "mean"),
                OptionSpec.count("k", 2, "k of the top-k-share and spread forms"),
                OptionSpec.choice("fidelity", Fidelity.PAPER.wireName(),
                        "the paper's or the official code's merged and injected modules and injection choice", fidelities),
                OptionSpec.positiveNumber("inject-alpha", 16, "scaling numerator of the injected LoRAs (rank r/2)"),
                OptionSpec.probability("inject-dropout", 0.05, "dropout of the injected LoRAs"));
    }

    /** LLaMA-2-7B instruction tuning as the official script runs it. */
    private static ProtocolDefaults table2(boolean merges, boolean injections) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("r", "64", "alpha", "32", "dropout", "0.05",
                "inject-alpha", "16", "sfs", "mean"));
        if (merges) {
            options.put("merges", Integer.toString(TABLE2_EVENTS));
        }
        if (injections) {
            options.put("injections", Integer.toString(TABLE2_EVENTS));
        }
        return ProtocolDefaults.of("table2", "the official LLaMA-2-7B script: r=64, alpha=32, dropout 0.05 on every"
                + " decoder layer; injected LoRA r=32 (r/2), alpha=16; 8 merges and 8 injections; SFS by the mean"
                + " singular value").withOptions(options);
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        return new Lor2cAdaptation(model, options, Lor2cSettings.from(options, shareA));
    }
}
