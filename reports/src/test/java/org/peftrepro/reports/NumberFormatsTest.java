package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberFormatsTest {

    @Test
    void oneDecimalRoundsHalfUpAsOnPaper() {
        // 86.35 is stored as 86.3499999...; printed tables round it up.
        assertThat(NumberFormats.oneDecimal(86.35)).isEqualTo("86.4");
        assertThat(NumberFormats.oneDecimal(690.8 / 8)).isEqualTo("86.4");
        assertThat(NumberFormats.oneDecimal(0.876 * 100)).isEqualTo("87.6");
        assertThat(NumberFormats.oneDecimal(87.24)).isEqualTo("87.2");
        assertThat(NumberFormats.oneDecimal(100)).isEqualTo("100.0");
    }

    @Test
    void differencesCarryTheirSign() {
        assertThat(NumberFormats.signedOneDecimal(0.25)).isEqualTo("+0.3");
        assertThat(NumberFormats.signedOneDecimal(-13.1)).isEqualTo("-13.1");
        assertThat(NumberFormats.signedOneDecimal(1e-13)).isEqualTo("+0.0");
        assertThat(NumberFormats.signedOneDecimal(-0.04)).isEqualTo("+0.0");
    }

    @Test
    void parameterCountsInMillions() {
        assertThat(NumberFormats.millions(294_912)).isEqualTo("0.29M");
        assertThat(NumberFormats.millions(124_055_040)).isEqualTo("124.1M");
        assertThat(NumberFormats.millions(1_000_000)).isEqualTo("1.0M");
        assertThat(NumberFormats.millions(10_000)).isEqualTo("0.01M");
        assertThat(NumberFormats.millions(1_536)).isEqualTo("0.0015M");
        assertThat(NumberFormats.millions(0)).isEqualTo("0.00M");
    }
}
