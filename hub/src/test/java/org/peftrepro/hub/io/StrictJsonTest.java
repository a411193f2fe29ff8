package org.peftrepro.hub.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictJsonTest {
    @TempDir
    Path folder;

    @Test
    void readsAnObject() throws IOException {
        Path file = write("config.json", "{\"hidden_size\": 32,\n \"names\": [\"a\", \"b\"]}\n");

        JsonNode root = StrictJson.readObject(file);

        assertThat(root.get("hidden_size").intValue()).isEqualTo(32);
        assertThat(root.get("names")).hasSize(2);
    }

    @Test
    void aSecondValueAfterTheFirstIsAnErrorNamingTheFileAndLine() throws IOException {
        Path file = write("config.json", "{\"hidden_size\": 32}\n{\"hidden_size\": 64}\n");

        MalformedTextException e = catchThrowableOfType(MalformedTextException.class, () -> StrictJson.read(file));

        assertThat(e.getMessage()).startsWith(file + ": not valid JSON (line 2, column 1): ")
                .endsWith("more content after the end of the JSON value (a second value, or stray text)");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void strayTextAfterTheValueIsAnError() {
        MalformedTextException e = catchThrowableOfType(MalformedTextException.class,
                () -> StrictJson.parse("{\"r\": 8} trailing", "adapter_config.json"));

        assertThat(e.getMessage()).startsWith("adapter_config.json: not valid JSON (line 1, column ");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        MalformedTextException e = catchThrowableOfType(MalformedTextException.class,
                () -> StrictJson.parse("{\"r\": 8,\n \"r\": 16}", "adapter_config.json"));

        assertThat(e.getMessage()).contains("line 2").contains("Duplicate field 'r'");
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path file = write("tokenizer.json", " \n");

        assertThat(catchThrowableOfType(MalformedTextException.class, () -> StrictJson.read(file)))
                .hasMessage(file + ": not valid JSON: empty, no JSON value");
    }

    @Test
    void aByteThatIsNotUtf8IsNamedByItsLine() throws IOException {
        Path file = folder.resolve("tokenizer.json");
        String json = "{\n  \"vocab\": {\n    \"caf?\": 3\n  }\n}\n";
        byte[] text = json.getBytes(StandardCharsets.US_ASCII);
        int offset = json.indexOf('?');
        text[offset] = (byte) 0xE9; // a Latin-1 é where UTF-8 needs two bytes
        Files.write(file, text);

        MalformedTextException e = catchThrowableOfType(MalformedTextException.class, () -> StrictJson.read(file));

        assertThat(e.getMessage()).isEqualTo(file + ": not valid UTF-8 (line 3, column 9): byte 0xE9 at byte offset "
                + offset);
    }

    @Test
    void anObjectIsRequiredWhereTheFormatHasOne() throws IOException {
        Path file = write("config.json", "[1, 2]");

        assertThat(catchThrowableOfType(MalformedTextException.class, () -> StrictJson.readObject(file)))
                .hasMessage(file + ": must hold a JSON object, found a JSON array");
    }

    @Test
    void aDirectoryIsNotReportedAsMissing() throws IOException {
        Path dir = Files.createDirectory(folder.resolve("config.json"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class, () -> StrictJson.read(dir));

        assertThat(e).isNotInstanceOf(NoSuchFileException.class);
        assertThat(e.getMessage()).isEqualTo(dir + ": is a directory, not a file");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path missing = folder.resolve("absent.json");

        assertThat(catchThrowableOfType(NoSuchFileException.class, () -> StrictJson.read(missing)))
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aByteOrderMarkIsSkippedAsJacksonDoesForBytes() throws IOException {
        JsonNode root = StrictJson.parse("\uFEFF{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "bom.json");

        assertThat(root.get("a").intValue()).isEqualTo(1);
    }

    @Test
    void extensionsAreOptIn() throws IOException {
        Path file = write("jmh-result.json", "[{\"score\": NaN}]");

        assertThat(catchThrowableOfType(MalformedTextException.class, () -> StrictJson.read(file)))
                .hasMessageContaining("not valid JSON");
        assertThat(StrictJson.read(file, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).get(0).get("score").doubleValue())
                .isNaN();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }
}
