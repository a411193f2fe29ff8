package org.peftrepro.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;

/** The non-linearity inside a bottleneck adapter, by the name the {@code activation} option takes. */
public enum AdapterActivation {
    RELU("relu"),
    /** Exact (erf) GELU, as PyTorch's default {@code nn.GELU}. */
    GELU("gelu"),
    /** x * sigmoid(x), also called SiLU. */
    SWISH("swish");

    private final String optionValue;

    AdapterActivation(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    public NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case GELU -> Activation.gelu(x);
            case SWISH -> Activation.swish(x, 1f);
        };
    }

    /** Every option value, for the {@code activation} option's choice. */
    static String[] optionValues() {
        return Arrays.stream(values()).map(AdapterActivation::optionValue).toArray(String[]::new);
    }

    static AdapterActivation fromOptionValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
