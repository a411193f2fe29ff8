package org.peftrepro.hub.io;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Integers read from text (options, TSV fields, JSON numbers), with errors that tell a number too large for its
 * type from text that is no number at all: Java's parsers call both "not a number" / "For input string".
 */
public final class Ints {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Ints() {
    }

    /**
     * A base-10 int ({@code -3}, {@code +8}, {@code 512}).
     *
     * @throws NumberFormatException "'abc' is not an integer", or "'3000000000' is too large: at most 2147483647
     *     (a 32-bit integer)"
     */
    public static int parseInt(String text) {
        return parse(text, INT_MIN, INT_MAX, 32).intValue();
    }

    /** A base-10 long, with {@link #parseInt}'s messages (64-bit bounds). */
    public static long parseLong(String text) {
        return parse(text, LONG_MIN, LONG_MAX, 64).longValue();
    }

    /**
     * What is wrong with an integer outside int's range ("too large: at most 2147483647 (a 32-bit integer)"),
     * for readers of JSON numbers; null when it fits.
     */
    public static String intRangeProblem(BigInteger value) {
        return rangeProblem(value, INT_MIN, INT_MAX, 32);
    }

    private static BigInteger parse(String text, BigInteger min, BigInteger max, int bits) {
        String digits = text.strip();
        if (!INTEGER.matcher(digits).matches()) {
            throw new NumberFormatException("'" + text + "' is not an integer");
        }
        // More than 40 significant digits is out of range whatever they say: not worth parsing a huge field.
        boolean negative = digits.startsWith("-");
        String significant = digits.replaceFirst("^[+-]?0*", "");
        BigInteger value = significant.length() > 40
                ? (negative ? min.subtract(BigInteger.ONE) : max.add(BigInteger.ONE))
                : new BigInteger(digits);
        String problem = rangeProblem(value, min, max, bits);
        if (problem != null) {
            throw new NumberFormatException("'" + text + "' is " + problem);
        }
        return value;
    }

    private static String rangeProblem(BigInteger value, BigInteger min, BigInteger max, int bits) {
        if (value.compareTo(max) > 0) {
            return "too large: at most " + max + " (a " + bits + "-bit integer)";
        }
        if (value.compareTo(min) < 0) {
            return "too small: at least " + min + " (a " + bits + "-bit integer)";
        }
        return null;
    }
}
