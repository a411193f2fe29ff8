package org.peftrepro.methods.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.peftrepro.hub.io.Ints;

/**
 * A method's options as the user set them ({@code --set r=8 --set targets=query,value}), checked against
 * the method's {@link OptionSpec}s: an unknown key or a malformed value is an error naming the method,
 * the option and what it accepts.
 */
public final class MethodOptions {
    private final String method;
    private final Map<String, String> values;

    private MethodOptions(String method, Map<String, String> values) {
        this.method = method;
        this.values = values;
    }

    /** Parses {@code key=value} assignments; a later assignment of the same key wins. */
    public static Map<String, String> parseAssignments(List<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + a + ": expected key=value");
            }
            map.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return map;
    }

    /** The options of {@code method}: its defaults, overridden by {@code overrides}. */
    public static MethodOptions resolve(String method, List<OptionSpec> specs, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec spec : specs) {
            values.put(spec.key(), spec.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                String known = specs.isEmpty() ? "it takes none"
                        : "its options: " + specs.stream().map(OptionSpec::key).collect(Collectors.joining(", "));
                throw new IllegalArgumentException("method " + method + " has no option '" + e.getKey() + "' (" + known + ")");
            }
            values.put(e.getKey(), e.getValue());
        }
        return new MethodOptions(method, values);
    }

    public String method() {
        return method;
    }

    /** Every option with its value, defaults included, in declaration order (recorded with each run). */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("method " + method + " declares no option '" + key + "'");
        }
        return v;
    }

    public int positiveInt(String key) {
        int v = integer(key);
        if (v <= 0) {
            throw invalid(key, "a positive integer");
        }
        return v;
    }

    public int nonNegativeInt(String key) {
        int v = integer(key);
        if (v < 0) {
            throw invalid(key, "an integer >= 0");
        }
        return v;
    }

    public double positiveDouble(String key) {
        double v = number(key);
        if (!(v > 0)) {
            throw invalid(key, "a positive number");
        }
        return v;
    }

    /** A dropout probability in [0, 1). */
    public double probability(String key) {
        double v = number(key);
        if (v < 0 || v >= 1) {
            throw invalid(key, "a probability in [0, 1)");
        }
        return v;
    }

    /** Comma-separated, at least one element. */
    public List<String> list(String key) {
        List<String> items = Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty()) {
            throw invalid(key, "a comma-separated list (e.g. query,value)");
        }
        return items;
    }

    /** One of the given words (case-insensitive). */
    public String choice(String key, String... allowed) {
        String v = string(key).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw invalid(key, "one of " + String.join("|", allowed));
    }

    private int integer(String key) {
        try {
            return Ints.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("method " + method + ": option " + key + ": " + e.getMessage());
        }
    }

    private double number(String key) {
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "a number");
        }
    }

    private IllegalArgumentException invalid(String key, String expected) {
        return new IllegalArgumentException("method " + method + ": option " + key + " must be " + expected
                + ", got '" + values.get(key) + "'");
    }

    @Override
    public String toString() {
        return method + values;
    }
}
