package org.peftrepro.methods.spi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The values a method option accepts, and the one spelling each value is recorded under: {@code 16}, {@code 16.0}
 * and {@code 1.6e1} of a number option are all {@code 16}, so two runs with the same settings carry the same options
 * (a run's identity is a hash of them).
 */
public sealed interface OptionType {

    /** {@code value} in its canonical spelling, or empty when this type does not accept it. */
    Optional<String> canonical(String value);

    /** What the type accepts, as it ends "must be ...": {@code a positive integer}, {@code one of paper|official-code}. */
    String accepts();

    /** An integer in [min, max]. */
    static OptionType integer(long min, long max) {
        return new Whole(min, max, null);
    }

    /** An integer >= 1. */
    static OptionType positiveInteger() {
        return integer(1, Integer.MAX_VALUE);
    }

    /** An integer >= 0. */
    static OptionType count() {
        return integer(0, Integer.MAX_VALUE);
    }

    /** An integer >= 1, or the word {@code keyword} (e.g. {@code auto}) for a value the method works out. */
    static OptionType positiveIntegerOr(String keyword) {
        return new Whole(1, Integer.MAX_VALUE, keyword);
    }

    /** A number > 0. */
    static OptionType positiveNumber() {
        return new Real(0, false, Double.POSITIVE_INFINITY, false);
    }

    /** A dropout probability, in [0, 1). */
    static OptionType probability() {
        return new Real(0, true, 1, false);
    }

    /** One of the given words, matched without regard to case. */
    static OptionType choice(String... words) {
        return new Choice(List.of(words));
    }

    /** A comma-separated list of at least one name, e.g. {@code query,value}. */
    static OptionType names() {
        return new Names();
    }

    /** {@code true} or {@code false}. */
    static OptionType flag() {
        return choice("true", "false");
    }

    /** Any text that is not blank. */
    static OptionType text() {
        return new Text();
    }

    /** An integer in [min, max], or {@code keyword} when not null. */
    record Whole(long min, long max, String keyword) implements OptionType {
        @Override
        public Optional<String> canonical(String value) {
            String v = value.trim();
            if (keyword != null && v.equalsIgnoreCase(keyword)) {
                return Optional.of(keyword);
            }
            return Decimals.parse(v).filter(d -> d.signum() == 0 || d.stripTrailingZeros().scale() <= 0)
                    .filter(d -> d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0)
                    .map(d -> Long.toString(d.longValueExact()));
        }

        @Override
        public String accepts() {
            String range;
            if (max >= Integer.MAX_VALUE) {
                range = min == 1 ? "a positive integer" : "an integer >= " + min;
            } else {
                range = "an integer in [" + min + ", " + max + "]";
            }
            return keyword == null ? range : range + " or " + keyword;
        }
    }

    /** A finite number between min and max, each bound included or not. */
    record Real(double min, boolean minIncluded, double max, boolean maxIncluded) implements OptionType {
        @Override
        public Optional<String> canonical(String value) {
            return Decimals.parse(value.trim()).map(BigDecimal::doubleValue)
                    .filter(Double::isFinite)
                    .filter(d -> minIncluded ? d >= min : d > min)
                    .filter(d -> maxIncluded ? d <= max : d < max)
                    .map(Decimals::canonical);
        }

        @Override
        public String accepts() {
            if (min == 0 && !minIncluded && max == Double.POSITIVE_INFINITY) {
                return "a positive number";
            }
            if (min == 0 && minIncluded && max == 1 && !maxIncluded) {
                return "a probability in [0, 1)";
            }
            if (max == Double.POSITIVE_INFINITY) {
                return "a number " + (minIncluded ? ">= " : "> ") + Decimals.canonical(min);
            }
            return "a number in " + (minIncluded ? "[" : "(") + Decimals.canonical(min) + ", " + Decimals.canonical(max)
                    + (maxIncluded ? "]" : ")");
        }
    }

    /** One word of a fixed set; the canonical spelling is the declared one. */
    record Choice(List<String> words) implements OptionType {
        public Choice {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one word");
            }
        }

        @Override
        public Optional<String> canonical(String value) {
            String v = value.trim();
            return words.stream().filter(w -> w.equalsIgnoreCase(v)).findFirst();
        }

        @Override
        public String accepts() {
            return "one of " + String.join("|", words);
        }
    }

    /** Names separated by commas, blanks around them dropped: {@code query, value} is {@code query,value}. */
    record Names() implements OptionType {
        @Override
        public Optional<String> canonical(String value) {
            List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return names.isEmpty() || names.stream().anyMatch(n -> n.chars().anyMatch(Character::isWhitespace))
                    ? Optional.empty() : Optional.of(String.join(",", names));
        }

        @Override
        public String accepts() {
            return "a comma-separated list of names, e.g. query,value";
        }
    }

    /** Free text, trimmed. */
    record Text() implements OptionType {
        @Override
        public Optional<String> canonical(String value) {
            String v = value.trim();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        @Override
        public String accepts() {
            return "a non-empty text";
        }
    }
}
