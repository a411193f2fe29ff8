package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.peftrepro.baselines.peft.PeftNames;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.ForwardContext;

/**
 * The check shared by the PEFT parity tests: with an adapter loaded from a PEFT folder into the tiny RoBERTa, one
 * forward and backward pass on the fixture batch gives PEFT's logits, loss and the gradient of every parameter
 * PEFT trains (the method's and the head's).
 */
final class PeftAdapterParity {
    /** Gradients: PEFT's rule, 1e-5 absolute or 1e-4 relative to the tensor's largest element. */
    private static final double GRADIENT_ABS = 1e-5;
    private static final double GRADIENT_REL = 1e-4;

    private PeftAdapterParity() {}

    /** Our names of what trains (the method's parameters, then the head, unfrozen here) to their parameters. */
    static Map<String, Parameter> trainableWithHead(Adaptation adaptation, SequenceClassifier model) {
        Map<String, Parameter> trainable = new LinkedHashMap<>(adaptation.trainable().asMap());
        for (String name : new TreeSet<>(model.headParameterNames())) {
            Parameter head = model.parameters().get(name);
            head.freeze(false);
            trainable.put(name, head);
        }
        return trainable;
    }

    static long countFromMeta(Path adapterFolder) throws IOException {
        return new ObjectMapper().readTree(adapterFolder.resolve("meta.json").toFile()).get("trainable_parameters").asLong();
    }

    static void assertForwardAndBackwardMatch(SequenceClassifier model, Map<String, Parameter> trainable, Path inputsFile,
            Path expectedFile, NDManager manager) throws IOException {
        try (SafetensorsFile inputs = SafetensorsFile.open(inputsFile);
                SafetensorsFile expected = SafetensorsFile.open(expectedFile)) {
            NDArray ids = inputs.read("input_ids", manager);
            NDArray mask = inputs.read("attention_mask", manager);
            NDArray labels = inputs.read("labels", manager);
            ClassifierOutput out;
            // Eval mode, as the fixture: no dropout anywhere.
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                out = model.forward(ids, mask, null, labels, ForwardContext.inference(mask));
                collector.backward(out.loss());
            }
            Fixtures.assertClose("logits", out.logits(), expected.read("logits", manager), 1e-5);
            Fixtures.assertClose("loss", out.loss().reshape(1), expected.read("loss", manager), 1e-5);

            Map<String, String> gradientOf = new LinkedHashMap<>();
            for (String name : expected.tensors().keySet()) {
                if (name.startsWith("grad.")) {
                    gradientOf.put(PeftNames.ours(name.substring("grad.".length())), name);
                }
            }
            assertThat(gradientOf.keySet()).as("PEFT's trainable parameters, in our names")
                    .containsExactlyInAnyOrderElementsOf(trainable.keySet());
            for (Map.Entry<String, String> e : gradientOf.entrySet()) {
                NDArray gradient = trainable.get(e.getKey()).getArray().getGradient();
                Fixtures.assertCloseAbsOrRel(e.getValue(), gradient, expected.read(e.getValue(), manager), GRADIENT_ABS, GRADIENT_REL);
            }
        }
    }

    static long count(Map<String, Parameter> trainable) {
        return NamedParameters.count(trainable.values());
    }
}
