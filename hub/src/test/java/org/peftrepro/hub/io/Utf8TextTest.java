package org.peftrepro.hub.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
    @Test
    void decodesValidText() throws MalformedTextException {
        assertThat(Utf8Text.decode("naïve\nçà\n".getBytes(StandardCharsets.UTF_8), "x")).isEqualTo("naïve\nçà\n");
    }

    @Test
    void aBadByteFarIntoTheFileIsNamedByItsOwnLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int line = 1; line < 5000; line++) {
            bytes.writeBytes(("line " + line + " — ünïcödé text\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("ab".getBytes(StandardCharsets.UTF_8));
        int offset = bytes.size();
        bytes.write(0xFF);
        bytes.writeBytes("cd\n".getBytes(StandardCharsets.UTF_8));

        MalformedTextException e = catchThrowableOfType(MalformedTextException.class,
                () -> Utf8Text.decode(bytes.toByteArray(), "train.tsv"));

        assertThat(e.line()).isEqualTo(5000);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("train.tsv: not valid UTF-8 (line 5000, column 3): byte 0xFF at byte offset "
                + offset);
    }

    @Test
    void aMultiByteCharacterCutShortIsAnError() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] cut = {'a', '\n', euro[0], euro[1]};

        MalformedTextException e = catchThrowableOfType(MalformedTextException.class, () -> Utf8Text.decode(cut, "x"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).startsWith("not valid UTF-8: byte 0xE2 at byte offset 2");
    }
}
