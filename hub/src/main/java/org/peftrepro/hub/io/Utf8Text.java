package org.peftrepro.hub.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes UTF-8 strictly: a byte that is not UTF-8 is an error that names its line, column and byte offset,
 * never a silent U+FFFD. (The JDK's readers report such a byte only as "Input length = 1", and a buffered
 * reader reports it thousands of lines ahead of the line being read.)
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * The whole file as text.
     *
     * @throws java.nio.file.NoSuchFileException or {@link java.nio.file.FileSystemException} when it is not a file
     *     ({@link InputFiles#requireFile})
     * @throws MalformedTextException naming the line of the first byte that is not UTF-8
     */
    public static String read(Path file) throws IOException {
        InputFiles.requireFile(file, null);
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * @param source what the bytes are, as messages name it
     * @throws MalformedTextException naming the line of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes, String source) throws MalformedTextException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            // The decoder stops at the first bad byte, so everything in `out` is the text before it.
            int offset = in.position();
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < out.limit(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String problem = String.format("not valid UTF-8: byte 0x%02X at byte offset %d", bytes[offset] & 0xFF, offset);
            throw new MalformedTextException(source, line, out.limit() - lineStart + 1, problem, null);
        }
        return out.toString();
    }
}
