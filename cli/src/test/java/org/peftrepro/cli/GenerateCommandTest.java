package org.peftrepro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reaches the generator from {@code --stop}. */
class GenerateCommandTest {

    @Test
    void stopStringsReadLineFeedTabAndBackslashEscapes() {
        assertThat(GenerateCommand.unescape("\\n\\n")).isEqualTo("\n\n");
        assertThat(GenerateCommand.unescape("Q:\\tA")).isEqualTo("Q:\tA");
        assertThat(GenerateCommand.unescape("a\\\\n")).isEqualTo("a\\n");
        assertThat(GenerateCommand.unescape("\\x and a trailing \\")).isEqualTo("\\x and a trailing \\");
        assertThat(GenerateCommand.unescape("</s>")).isEqualTo("</s>");
    }
}
