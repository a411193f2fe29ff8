package org.peftrepro.evaluation.metrics;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Python's {@code float(text)} and {@code str(float)}, which DROP's normalisation applies to every number ("3" and
 * "3.00" both become "3.0", "1e5" becomes "100000.0"), so that answers compare as the official script compares them.
 */
final class PythonFloat {
    private PythonFloat() {}

    /** {@code float(text)} for text that {@link DropMetric#isNumber} accepts. */
    static double parse(String text) {
        String t = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    /**
     * {@code repr(x)}: the shortest digits that read back as x; positional between 1e-4 and 1e16 (with ".0" on whole
     * numbers), otherwise scientific with a signed exponent of at least two digits ("1e+16", "1.5e-05").
     */
    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(x);
        String digits = shortest.unscaledValue().abs().toString();
        // x = 0.d1d2...dn * 10^decimalPoint
        int decimalPoint = digits.length() - shortest.scale();
        String sign = x < 0 ? "-" : "";
        if (decimalPoint > 16 || decimalPoint < -3) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int exponent = decimalPoint - 1;
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        if (decimalPoint <= 0) {
            return sign + "0." + "0".repeat(-decimalPoint) + digits;
        }
        if (decimalPoint >= digits.length()) {
            return sign + digits + "0".repeat(decimalPoint - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
    }

    /** The correctly rounded value with the fewest significant digits that still reads back as x. */
    private static BigDecimal shortestDigits(double x) {
        for (int precision = 1; precision <= 17; precision++) {
            String candidate = String.format(Locale.ROOT, "%." + (precision - 1) + "e", x);
            if (Double.parseDouble(candidate) == x) {
                return new BigDecimal(candidate).stripTrailingZeros();
            }
        }
        return new BigDecimal(x).stripTrailingZeros();
    }
}
