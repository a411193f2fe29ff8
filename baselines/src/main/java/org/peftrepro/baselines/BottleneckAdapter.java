package org.peftrepro.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peftrepro.methods.spi.BasicAdaptation;
import org.peftrepro.models.nn.Initializers;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.sites.ForwardContext;
import org.peftrepro.models.sites.OutputTransform;
import org.peftrepro.models.sites.SubLayerSite;

/**
 * One bottleneck adapter on a sub-layer output (Houlsby et al. 2019): {@code h <- h + W_up act(W_down h + b_down)
 * + b_up}, W_down: (m, d) Kaiming-uniform, W_up: (d, m) zeros, biases zeros, so it starts as the identity.
 * It costs 2 d m + d + m parameters.
 *
 * <p>Parameters are named {@code <site>.adapter.<placement>.down.weight} (and {@code .down.bias}, {@code
 * .up.weight}, {@code .up.bias}), placement {@code attention} or {@code ffn}, so a count per placement can be
 * read off the names ({@link #countPerPlacement}).
 */
public final class BottleneckAdapter implements OutputTransform {
    public static final String PLACEMENT_ATTENTION = "attention";
    public static final String PLACEMENT_FFN = "ffn";

    private final Parameter downWeight;
    private final Parameter downBias;
    private final Parameter upWeight;
    private final Parameter upBias;
    private final AdapterActivation activation;

    private BottleneckAdapter(Parameter downWeight, Parameter downBias, Parameter upWeight, Parameter upBias,
            AdapterActivation activation) {
        this.downWeight = downWeight;
        this.downBias = downBias;
        this.upWeight = upWeight;
        this.upBias = upBias;
        this.activation = activation;
    }

    /** Declares an adapter of bottleneck {@code m} for {@code site}, its parameters registered with {@code adaptation}. */
    static BottleneckAdapter declare(BasicAdaptation adaptation, SubLayerSite site, int m, AdapterActivation activation) {
        long d = site.hiddenSize();
        String prefix = site.name() + ".adapter." + placement(site.kind()) + ".";
        return new BottleneckAdapter(
                own(adaptation, prefix + "down.weight", Parameter.Type.WEIGHT, new Shape(m, d), Initializers.kaimingUniform(d)),
                own(adaptation, prefix + "down.bias", Parameter.Type.BIAS, new Shape(m), Initializers.zeros()),
                own(adaptation, prefix + "up.weight", Parameter.Type.WEIGHT, new Shape(d, m), Initializers.zeros()),
                own(adaptation, prefix + "up.bias", Parameter.Type.BIAS, new Shape(d), Initializers.zeros()),
                activation);
    }

    /** The placement word used in parameter names: {@code attention} or {@code ffn}. */
    public static String placement(SubLayerSite.Kind kind) {
        return kind == SubLayerSite.Kind.ATTENTION ? PLACEMENT_ATTENTION : PLACEMENT_FFN;
    }

    /**
     * Adapter parameters per placement ({@code attention}, {@code ffn}), read from the names; placements with
     * no adapter are absent. Parameters that are not adapters' are not counted.
     */
    public static Map<String, Long> countPerPlacement(NamedParameters parameters) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String placement : new String[] {PLACEMENT_ATTENTION, PLACEMENT_FFN}) {
            String infix = ".adapter." + placement + ".";
            long count = NamedParameters.count(parameters.asMap().entrySet().stream()
                    .filter(e -> e.getKey().contains(infix)).map(Map.Entry::getValue).toList());
            if (count > 0) {
                counts.put(placement, count);
            }
        }
        return counts;
    }

    /** @param output the sub-layer output h, (..., d) */
    @Override
    public NDArray apply(NDArray output, ForwardContext context) {
        NDArray bottleneck = activation.apply(linear(output, downWeight, downBias));
        return output.add(linear(bottleneck, upWeight, upBias));
    }

    /** x W^T + b, kept in x's manager (the batch's), as the backbone's linears do. */
    private static NDArray linear(NDArray x, Parameter weight, Parameter bias) {
        return x.getNDArrayInternal().linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
    }

    private static Parameter own(BasicAdaptation adaptation, String name, Parameter.Type type, Shape shape, Initializer init) {
        return adaptation.addOwn(name, Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build());
    }
}
