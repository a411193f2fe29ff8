package org.peftrepro.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How tables print numbers. */
public final class NumberFormats {

    /** Shown where there is no run. */
    public static final String MISSING = "–";

    /** Shown where a published number is not known here. */
    public static final String NOT_AVAILABLE = "n/a";

    /** Shown where every run failed. */
    public static final String FAILED = "failed";

    /**
     * Drops binary floating-point noise before decimal rounding, so that 86.35 (stored as
     * 86.34999...) rounds half up to 86.4 as it does on paper.
     */
    private static final MathContext NOISE_FREE = new MathContext(12, RoundingMode.HALF_EVEN);

    private NumberFormats() {}

    /** One decimal, half up: 87.25 → "87.3". */
    public static String oneDecimal(double value) {
        return decimal(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A difference with its sign and one decimal: "+0.3", "-1.2", "+0.0". */
    public static String signedOneDecimal(double value) {
        BigDecimal rounded = decimal(value).setScale(1, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            return "+0.0";
        }
        return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString();
    }

    /**
     * A parameter count in millions as the papers print it: one decimal from 1M up ("124.6M"), two
     * below ("0.29M"), and two significant digits under 0.01M ("0.0015M") so that small counts do
     * not print as zero.
     */
    public static String millions(long count) {
        BigDecimal millions = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(1_000_000));
        BigDecimal shown;
        if (millions.compareTo(BigDecimal.ONE) >= 0) {
            shown = millions.setScale(1, RoundingMode.HALF_UP);
        } else if (millions.compareTo(new BigDecimal("0.01")) >= 0 || count == 0) {
            shown = millions.setScale(2, RoundingMode.HALF_UP);
        } else {
            shown = millions.round(new MathContext(2, RoundingMode.HALF_UP));
        }
        return shown.toPlainString() + "M";
    }

    private static BigDecimal decimal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot print " + value + " as a table number");
        }
        return new BigDecimal(value).round(NOISE_FREE);
    }
}
