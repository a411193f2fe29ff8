package org.peftrepro.methods.spi;

import java.util.regex.Pattern;

/**
 * One option a method accepts ({@code --set key=value}): its type, its default and what it means.
 *
 * @param key lower case, digits and '-', e.g. {@code inject-dropout}
 * @param defaultValue the value used when the option is not set, in the type's canonical spelling (a default the type
 *     does not accept is an error when the method is declared)
 */
public record OptionSpec(String key, OptionType type, String defaultValue, String description) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*");

    public OptionSpec {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("option key '" + key + "': use lower-case letters, digits and '-'");
        }
        String given = defaultValue;
        defaultValue = type.canonical(given).orElseThrow(() -> new IllegalArgumentException(
                "option " + key + ": its default '" + given + "' is not " + type.accepts()));
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("option " + key + " needs a description");
        }
    }

    /** An integer >= 1. */
    public static OptionSpec positiveInteger(String key, int defaultValue, String description) {
        return new OptionSpec(key, OptionType.positiveInteger(), Integer.toString(defaultValue), description);
    }

    /** An integer >= 0. */
    public static OptionSpec count(String key, int defaultValue, String description) {
        return new OptionSpec(key, OptionType.count(), Integer.toString(defaultValue), description);
    }

    /** A number > 0. */
    public static OptionSpec positiveNumber(String key, double defaultValue, String description) {
        return new OptionSpec(key, OptionType.positiveNumber(), Double.toString(defaultValue), description);
    }

    /** A dropout probability in [0, 1). */
    public static OptionSpec probability(String key, double defaultValue, String description) {
        return new OptionSpec(key, OptionType.probability(), Double.toString(defaultValue), description);
    }

    /** One of {@code words}. */
    public static OptionSpec choice(String key, String defaultValue, String description, String... words) {
        return new OptionSpec(key, OptionType.choice(words), defaultValue, description);
    }

    /** A comma-separated list of names. */
    public static OptionSpec names(String key, String defaultValue, String description) {
        return new OptionSpec(key, OptionType.names(), defaultValue, description);
    }

    /**
     * The linear layers a method adapts, PEFT's {@code target_modules}: module names ({@code q_proj}) or the roles every
     * architecture shares ({@code query}), as the backbone's sites resolve them.
     */
    public static OptionSpec targets(String defaultValue) {
        return names("targets", defaultValue, "linear layers to adapt: module names (q_proj) or roles (query)");
    }

    /** {@code true} or {@code false}. */
    public static OptionSpec flag(String key, boolean defaultValue, String description) {
        return new OptionSpec(key, OptionType.flag(), Boolean.toString(defaultValue), description);
    }

    /** Non-blank text. */
    public static OptionSpec text(String key, String defaultValue, String description) {
        return new OptionSpec(key, OptionType.text(), defaultValue, description);
    }
}
