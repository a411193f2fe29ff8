package org.peftrepro.models.roberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashSet;
import java.util.Set;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.nn.Linear;
import org.peftrepro.models.nn.Losses;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.Sites;

/**
 * HF {@code RobertaForSequenceClassification}: the encoder (no pooler) and a head on the first token,
 * {@code out_proj(dropout(tanh(dense(dropout(h_0)))))}; cross-entropy loss, or mean squared error when
 * the head has one output (regression, as HF does for {@code num_labels == 1}).
 */
public final class RobertaForSequenceClassification implements SequenceClassifier {
    private final RobertaConfig config;
    private final NamedParameters parameters = new NamedParameters();
    private final RobertaModel roberta;
    private final Linear dense;
    private final Linear outProj;
    private final Set<String> headNames = new LinkedHashSet<>();

    public RobertaForSequenceClassification(RobertaConfig config) {
        this.config = config;
        this.roberta = new RobertaModel(config, parameters, false);
        int before = parameters.size();
        long d = config.hiddenSize();
        this.dense = new Linear(parameters, "classifier.dense", -1, "head", d, d, true);
        this.outProj = new Linear(parameters, "classifier.out_proj", -1, "head", d, config.numLabels(), true);
        parameters.names().stream().skip(before).forEach(headNames::add);
    }

    public RobertaModel roberta() {
        return roberta;
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
        return Set.copyOf(headNames);
    }

    @Override
    public Sites sites() {
        return roberta.sites();
    }

    @Override
    public int numLabels() {
        return config.numLabels();
    }

    @Override
    public ClassifierOutput forward(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds, NDArray labels,
            ForwardContext context) {
        RobertaModel.Output encoded = roberta.forward(inputIds, attentionMask, tokenTypeIds, context);
        double p = config.effectiveClassifierDropout();
        NDArray x = context.dropout(RobertaModel.firstToken(encoded.lastHiddenState()), p);
        x = context.dropout(dense.forward(x, context).tanh(), p);
        NDArray logits = outProj.forward(x, context);
        NDArray loss = labels == null ? null : loss(logits, labels);
        return new ClassifierOutput(encoded.hiddenStates(), logits, loss);
    }

    private NDArray loss(NDArray logits, NDArray labels) {
        if (config.numLabels() == 1) {
            NDArray diff = logits.reshape(-1).sub(labels.toType(DataType.FLOAT32, false).reshape(-1));
            return diff.square().mean();
        }
        return Losses.crossEntropy(logits, labels);
    }

    @Override
    public String toString() {
        return "RobertaForSequenceClassification(layers=" + config.numHiddenLayers() + ", hidden=" + config.hiddenSize()
                + ", labels=" + config.numLabels() + ")";
    }

}
