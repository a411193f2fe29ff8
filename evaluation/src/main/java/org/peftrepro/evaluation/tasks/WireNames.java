package org.peftrepro.evaluation.tasks;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading an enum constant from the name it has on the command line and in records. */
public final class WireNames {
    private WireNames() {}

    /**
     * The constant whose wire name is {@code value} (trimmed, any case); otherwise an error that lists the known names.
     *
     * @param kind what the constants are, for the message: "benchmark", "protocol", ...
     */
    public static <E extends Enum<E>> E parse(E[] constants, Function<E, String> wireName, String value, String kind) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (E constant : constants) {
            if (wireName.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + value + "' (known: "
                + Arrays.stream(constants).map(wireName).collect(Collectors.joining(", ")) + ")");
    }
}
