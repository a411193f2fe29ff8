package org.peftrepro.hub.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class IntsTest {
    @Test
    void parsesIntegersInRange() {
        assertThat(Ints.parseInt("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Ints.parseInt(" -2147483648 ")).isEqualTo(Integer.MIN_VALUE);
        assertThat(Ints.parseInt("+8")).isEqualTo(8);
        assertThat(Ints.parseInt("-0000000000000000000000000000000000000000000000007")).isEqualTo(-7);
        assertThat(Ints.parseLong("99999999999")).isEqualTo(99_999_999_999L);
    }

    @Test
    void aNumberTooLargeSaysSoRatherThanNotAnInteger() {
        assertThatThrownBy(() -> Ints.parseInt("2147483648"))
                .isInstanceOf(NumberFormatException.class)
                .hasMessage("'2147483648' is too large: at most 2147483647 (a 32-bit integer)");
        assertThatThrownBy(() -> Ints.parseInt("-99999999999"))
                .hasMessage("'-99999999999' is too small: at least -2147483648 (a 32-bit integer)");
        assertThatThrownBy(() -> Ints.parseLong("9223372036854775808"))
                .hasMessage("'9223372036854775808' is too large: at most 9223372036854775807 (a 64-bit integer)");
        assertThatThrownBy(() -> Ints.parseInt("9".repeat(5000))).hasMessageContaining("is too large");
    }

    @Test
    void textThatIsNoIntegerSaysSo() {
        for (String text : new String[] {"abc", "8.0", "1e3", "", "0x10", "--1"}) {
            assertThatThrownBy(() -> Ints.parseInt(text)).isInstanceOf(NumberFormatException.class)
                    .hasMessage("'" + text + "' is not an integer");
        }
    }

    @Test
    void jsonNumbersOutOfIntRangeAreDescribed() {
        assertThat(Ints.intRangeProblem(BigInteger.valueOf(3_000_000_000L)))
                .isEqualTo("too large: at most 2147483647 (a 32-bit integer)");
        assertThat(Ints.intRangeProblem(BigInteger.valueOf(7))).isNull();
    }
}
