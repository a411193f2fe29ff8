package org.peftrepro.methods.spi;

import java.math.BigDecimal;
import java.util.Optional;

/** Decimal numbers as the command line spells them: no NaN, no infinity, no hexadecimal, no type suffix. */
final class Decimals {
    private Decimals() {}

    static Optional<BigDecimal> parse(String value) {
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The shortest decimal that reads back as {@code value}, without exponent or trailing zeros: 16, 0.1, 0.00002. */
    static String canonical(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
