package org.peftrepro.methods.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A method's options, resolved: every option it declares, defaults included, each checked against its
 * {@link OptionType} and held in the type's canonical spelling. Resolving checks every value at once, so a bad
 * {@code --set} fails before any work, naming the method, the option and what it accepts. The typed getters read
 * values that are known to be valid.
 */
public final class MethodOptions {
    private final String method;
    private final Map<String, String> values;

    private MethodOptions(String method, Map<String, String> values) {
        this.method = method;
        this.values = Collections.unmodifiableMap(values);
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

    /**
     * The options of {@code method}: its defaults, overridden by {@code overrides}.
     *
     * @throws IllegalArgumentException one line naming every key the method does not have and every value its
     *     option does not accept
     */
    public static MethodOptions resolve(String method, List<OptionSpec> specs, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (OptionSpec spec : specs) {
            String given = overrides.get(spec.key());
            if (given == null) {
                values.put(spec.key(), spec.defaultValue());
            } else {
                spec.type().canonical(given).ifPresentOrElse(v -> values.put(spec.key(), v),
                        () -> problems.add("option " + spec.key() + " must be " + spec.type().accepts() + ", got '" + given + "'"));
            }
        }
        for (String key : overrides.keySet()) {
            if (specs.stream().noneMatch(s -> s.key().equals(key))) {
                String known = specs.isEmpty() ? "it takes none"
                        : "its options: " + specs.stream().map(OptionSpec::key).collect(Collectors.joining(", "));
                problems.add("no option '" + key + "' (" + known + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("method " + method + ": " + String.join("; ", problems));
        }
        return new MethodOptions(method, values);
    }

    public String method() {
        return method;
    }

    /** Every option with its canonical value, defaults included, in declaration order (recorded with each run). */
    public Map<String, String> asMap() {
        return values;
    }

    /** A choice or text option's value. */
    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("method " + method + " declares no option '" + key + "'");
        }
        return v;
    }

    /** An integer option's value. */
    public int integer(String key) {
        return Integer.parseInt(string(key));
    }

    /** A number option's value. */
    public double number(String key) {
        return Double.parseDouble(string(key));
    }

    /** A flag option's value. */
    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key));
    }

    /** A list option's names, in the given order. */
    public List<String> list(String key) {
        return List.of(string(key).split(","));
    }

    @Override
    public String toString() {
        return method + values;
    }
}
