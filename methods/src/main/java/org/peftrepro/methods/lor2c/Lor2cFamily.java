package org.peftrepro.methods.lor2c;

import java.util.List;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.NamedMethod;
import org.peftrepro.models.Backbone;

/** What the five LoR2C variants share; each differs in its defaults (merges, injections, shared A). */
public abstract class Lor2cFamily extends NamedMethod {
    private final boolean shareA;
    private final int defaultMerges;
    private final int defaultInjections;

    protected Lor2cFamily(String name, String description, boolean shareA, int defaultMerges, int defaultInjections) {
        super(name, description);
        this.shareA = shareA;
        this.defaultMerges = defaultMerges;
        this.defaultInjections = defaultInjections;
    }

    /** Defaults are the official GLUE script's: r=8, alpha=16, dropout 0.1; injected LoRA dropout 0.05. */
    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("r", "8", "rank of each module's B A"),
                new OptionSpec("alpha", "16", "scaling numerator: modules add (alpha/r) B A h"),
                new OptionSpec("dropout", "0.1", "dropout on each module's input"),
                new OptionSpec("merges", Integer.toString(defaultMerges), "how many merges of adjacent modules"),
                new OptionSpec("injections", Integer.toString(defaultInjections), "how many modules are replaced by LoRA on W_Q, W_V"),
                new OptionSpec("sfs", "mean", "score form: top-k-share|spread|mean (official code default: mean)"),
                new OptionSpec("k", "2", "k of the top-k-share and spread forms"),
                new OptionSpec("fidelity", "paper", "paper|official-code: see docs (merged/injected modules, injection choice)"),
                new OptionSpec("inject-dropout", "0.05", "dropout of the injected LoRAs"));
    }

    @Override
    public Adaptation attach(Backbone model, MethodOptions options) {
        return new Lor2cAdaptation(model, options, Lor2cSettings.from(options, shareA));
    }
}
