package org.peftrepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.hub.io.MalformedTextException;

/** Parity with the ids HF tokenizers produced for the RoBERTa-layout BPE fixture (expected.json). */
class TextEncoderTest {

    private static Path tokenizerJson;
    private static JsonNode expected;
    private static TextEncoder encoder;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        tokenizerJson = Path.of(TextEncoderTest.class.getResource("/tokenizer/tokenizer.json").toURI());
        expected = new ObjectMapper().readTree(TextEncoderTest.class.getResource("/tokenizer/expected.json"))
                .get("inputs");
        encoder = TextEncoder.load(tokenizerJson, 128);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void matchesHfIdsAndTypeIdsForSinglesAndPairs() {
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode input : expected) {
            String textB = input.get("text_pair").isNull() ? null : input.get("text_pair").asText();
            EncodedExample encoded = encoder.encode(input.get("text").asText(), textB);

            assertThat(encoded.inputIds()).as(input.get("text").asText()).containsExactly(ints(input.get("ids")));
            assertThat(encoded.typeIds()).containsExactly(ints(input.get("type_ids")));
        }
    }

    @Test
    void pairsHaveRobertaSpecialTokens() {
        for (JsonNode input : expected) {
            if (input.get("text_pair").isNull()) {
                continue;
            }
            int[] ids = encoder.encode(input.get("text").asText(), input.get("text_pair").asText()).inputIds();
            int[] first = inner(input.get("text").asText());
            // <s> a </s></s> b </s>
            assertThat(ids[0]).isZero();
            assertThat(ids[first.length + 1]).isEqualTo(2);
            assertThat(ids[first.length + 2]).isEqualTo(2);
            assertThat(ids[ids.length - 1]).isEqualTo(2);
        }
    }

    @Test
    void encodeAllMatchesEncodeAndKeepsLabels() {
        List<Example> examples = new ArrayList<>();
        int index = 0;
        for (JsonNode input : expected) {
            if (!input.get("text_pair").isNull()) {
                examples.add(Example.classified(index, input.get("text").asText(), input.get("text_pair").asText(),
                        index % 2));
                index++;
            }
        }

        List<EncodedExample> encoded = encoder.encodeAll(examples);

        assertThat(encoded).hasSameSizeAs(examples);
        for (int i = 0; i < examples.size(); i++) {
            EncodedExample one = encoder.encode(examples.get(i));
            assertThat(encoded.get(i).inputIds()).containsExactly(one.inputIds());
            assertThat(encoded.get(i).label()).isEqualTo(i % 2);
            assertThat(encoded.get(i).score()).isNaN();
        }
    }

    @Test
    void padIdComesFromThePadToken() {
        assertThat(encoder.padId()).isEqualTo(1);
    }

    @Test
    void truncatesASingleSentenceKeepingSpecialTokens() throws IOException {
        JsonNode single = expected.get(0);
        int[] full = ints(single.get("ids"));
        try (TextEncoder capped = TextEncoder.load(tokenizerJson, 6)) {
            int[] ids = capped.encode(single.get("text").asText(), null).inputIds();

            // <s>, the first 4 tokens, </s>
            assertThat(ids).containsExactly(0, full[1], full[2], full[3], full[4], 2);
        }
    }

    @Test
    void truncatesOnlyTheLongerSequenceWhenTheShorterFitsInHalf() throws IOException {
        // "loved the acting" (5 tokens) + "hated the ending and the plot" (13 tokens); cap 15 leaves 11 for
        // text: the first sentence keeps its 5, the second is cut to 6 (HF longest_first).
        JsonNode input = expected.get(2);
        int[] a = inner(input.get("text").asText());
        int[] b = inner(input.get("text_pair").asText());
        assertThat(a).hasSize(5);
        assertThat(b).hasSize(13);
        try (TextEncoder capped = TextEncoder.load(tokenizerJson, 15)) {
            int[] ids = capped.encode(input.get("text").asText(), input.get("text_pair").asText()).inputIds();

            assertThat(ids).containsExactly(concat(new int[] {0}, a, new int[] {2, 2}, Arrays.copyOf(b, 6),
                    new int[] {2}));
        }
    }

    @Test
    void truncatesBothSequencesToHalvesWhenBothAreLong() throws IOException {
        // 13 + 12 tokens, cap 12 leaves 8: both are longer than half of it, so each keeps 4.
        JsonNode input = expected.get(1);
        int[] a = inner(input.get("text").asText());
        int[] b = inner(input.get("text_pair").asText());
        assertThat(a).hasSize(13);
        assertThat(b).hasSize(12);
        try (TextEncoder capped = TextEncoder.load(tokenizerJson, 12)) {
            int[] ids = capped.encode(input.get("text").asText(), input.get("text_pair").asText()).inputIds();

            assertThat(ids).containsExactly(concat(new int[] {0}, Arrays.copyOf(a, 4), new int[] {2, 2},
                    Arrays.copyOf(b, 4), new int[] {2}));
        }
    }

    @Test
    void padsNothing() {
        assertThat(encoder.encode("the movie was great", null).inputIds()).hasSize(12).doesNotContain(1);
    }

    @Test
    void aTokenizerWithContentAfterItsObjectIsAnErrorNamingTheFileAndLine(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("tokenizer.json"), Files.readString(tokenizerJson) + "\n{}\n");
        long lines = Files.readAllLines(file).size();

        assertThatThrownBy(() -> TextEncoder.load(file, 128)).isInstanceOf(MalformedTextException.class)
                .hasMessageStartingWith(file + ": not valid JSON (line " + lines + ", column 1): more content after");
        assertThatThrownBy(() -> TextEncoder.load(file, 128, 1)).isInstanceOf(MalformedTextException.class);
    }

    @Test
    void aTokenizerTheNativeLibraryRefusesIsAnErrorNamingTheFile(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("tokenizer.json"),
                "{\"version\": \"1.0\", \"model\": {\"type\": \"NoSuchModel\"}, \"padding\": {\"pad_id\": 1}}");

        assertThatThrownBy(() -> TextEncoder.load(file, 128))
                .hasMessageStartingWith(file + ": not a tokenizer the Hugging Face tokenizers library can load: ")
                .hasMessageContaining("line 1");
    }

    @Test
    void aTokenizerJsonThatIsADirectoryIsNotCalledMissing(@TempDir Path folder) throws IOException {
        Path file = Files.createDirectories(folder.resolve("model").resolve("tokenizer.json"));

        assertThatThrownBy(() -> TextEncoder.load(folder.resolve("model"), 128))
                .hasMessage(file + ": is a directory, not a file");
        assertThatThrownBy(() -> TextEncoder.load(folder.resolve("absent.json"), 128))
                .isInstanceOf(NoSuchFileException.class).hasMessage(folder.resolve("absent.json") + ": no such file");
    }

    /** A sentence's ids without <s> and </s>, taken from expected.json's single-sentence encodings. */
    private static int[] inner(String text) {
        // expected.json encodes each pair's sentences only as a pair: split the pair at </s></s>.
        for (JsonNode input : expected) {
            int[] ids = ints(input.get("ids"));
            if (input.get("text").asText().equals(text)) {
                int end = indexOf(ids, 2, 1);
                return Arrays.copyOfRange(ids, 1, end);
            }
            if (!input.get("text_pair").isNull() && input.get("text_pair").asText().equals(text)) {
                int start = indexOf(ids, 2, 1) + 2;
                return Arrays.copyOfRange(ids, start, ids.length - 1);
            }
        }
        throw new IllegalArgumentException(text);
    }

    private static int indexOf(int[] ids, int value, int from) {
        for (int i = from; i < ids.length; i++) {
            if (ids[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
