package org.peftrepro.reproduce.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.peftrepro.hub.io.MalformedTextException;

/** Protocol files are read as strictly as every other JSON file of the suite. */
class ProtocolFileTest {
    @Test
    void aSecondObjectAfterTheProtocolIsAnErrorNamingTheFileAndLine() {
        assertThatThrownBy(() -> Protocol.load("two-objects"))
                .isInstanceOf(UncheckedIOException.class)
                .cause().isInstanceOf(MalformedTextException.class)
                .hasMessage("/org/peftrepro/reproduce/protocols/two-objects.json: not valid JSON (line 5, column 1):"
                        + " more content after the end of the JSON value (a second value, or stray text)");
    }
}
