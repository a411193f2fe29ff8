package org.peftrepro.models.roberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.Set;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.nn.HalfPrecision;
import org.peftrepro.models.nn.LayerNorm;
import org.peftrepro.models.nn.Linear;
import org.peftrepro.models.nn.Losses;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.Sites;

/**
 * HF {@code RobertaForMaskedLM}: the encoder and the LM head {@code decoder(LayerNorm(gelu(dense(h)))) + bias},
 * the decoder tied to the word embeddings. Loss: cross-entropy over positions whose label is not -100.
 */
public final class RobertaForMaskedLM implements Backbone {
    private final RobertaConfig config;
    private final NamedParameters parameters = new NamedParameters();
    private final RobertaModel roberta;
    private final Linear dense;
    private final LayerNorm layerNorm;
    private final Parameter bias;

    public RobertaForMaskedLM(RobertaConfig config) {
        this.config = config;
        this.roberta = new RobertaModel(config, parameters, false);
        long d = config.hiddenSize();
        this.dense = new Linear(parameters, "lm_head.dense", -1, "lm_head", d, d, true);
        this.layerNorm = new LayerNorm(parameters, "lm_head.layer_norm", d, config.layerNormEps());
        this.bias = parameters.add("lm_head.bias", Parameter.Type.BIAS, new Shape(config.vocabSize()));
        parameters.add("lm_head.decoder.weight", roberta.wordEmbeddings().weight()); // tied, as HF ties it
    }

    /** @param labels (batch, seq) token ids to predict, -100 where nothing is predicted; null: no loss */
    public NDArray[] forward(NDArray inputIds, NDArray attentionMask, NDArray labels, ForwardContext context) {
        NDArray h = roberta.forward(inputIds, attentionMask, null, context).lastHiddenState();
        NDArray x = layerNorm.forward(Activation.gelu(dense.forward(h, context)));
        NDArray logits = HalfPrecision.linear(x, roberta.wordEmbeddings().weight().getArray(), bias.getArray());
        if (labels == null) {
            return new NDArray[] {logits};
        }
        return new NDArray[] {logits, Losses.crossEntropy(logits, labels)};
    }

    @Override
    public RobertaConfig config() {
        return config;
    }

    @Override
    public NamedParameters parameters() {
        return parameters;
    }

    @Override
    public Set<String> headParameterNames() {
        return Set.of();
    }

    @Override
    public Sites sites() {
        return roberta.sites();
    }
}
