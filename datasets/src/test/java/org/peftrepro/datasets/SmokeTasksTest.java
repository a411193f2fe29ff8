package org.peftrepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTasksTest {

    private static final long SEED = 17;

    @TempDir
    static Path shared;

    private static SmokeFolder smoke;

    @TempDir
    Path temp;

    @BeforeAll
    static void generate() throws IOException {
        smoke = SmokeTasks.generate(shared.resolve("smoke"), SEED, SmokeScale.DEFAULT);
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        SmokeTasks.generate(temp.resolve("again"), SEED, SmokeScale.DEFAULT);

        Map<String, byte[]> first = contents(smoke.folder());
        Map<String, byte[]> second = contents(temp.resolve("again"));
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        for (String file : first.keySet()) {
            assertThat(second.get(file)).as(file).isEqualTo(first.get(file));
        }
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        SmokeTasks.generate(temp.resolve("other"), SEED + 1, SmokeScale.DEFAULT);

        Map<String, byte[]> first = contents(smoke.folder());
        Map<String, byte[]> other = contents(temp.resolve("other"));
        for (GlueTask task : GlueTask.values()) {
            String train = task.displayName() + "/train.tsv";
            assertThat(other.get(train)).as(train).isNotEqualTo(first.get(train));
        }
        assertThat(other.get("tokenizer.json")).isEqualTo(first.get("tokenizer.json"));
    }

    @ParameterizedTest
    @EnumSource(GlueTask.class)
    void readsBackThroughTheGlueReaderWithBalancedLabels(GlueTask task) throws IOException {
        GlueData data = GlueData.load(smoke.folder(), task);

        assertThat(data.layout()).isEqualTo(GlueLayout.GLUE_TSV);
        assertThat(data.train().size()).isEqualTo(SmokeScale.DEFAULT.trainPerTask());
        assertThat(data.dev()).extracting(GlueSplit::size).containsOnly(SmokeScale.DEFAULT.devPerTask());
        assertThat(data.skippedRows()).isEmpty();
        for (GlueSplit split : allSplits(data)) {
            if (task.isRegression()) {
                double[] scores = split.examples().stream().mapToDouble(Example::score).toArray();
                long upperHalf = Arrays.stream(scores).filter(score -> score > 2.5).count();
                assertThat(Arrays.stream(scores).min().orElseThrow()).isZero();
                assertThat(Arrays.stream(scores).max().orElseThrow()).isEqualTo(5.0);
                assertThat((double) upperHalf / scores.length).as(split.name()).isBetween(0.4, 0.6);
            } else {
                int[] counts = new int[task.numLabels()];
                split.examples().forEach(example -> counts[example.label()]++);
                int min = Arrays.stream(counts).min().orElseThrow();
                int max = Arrays.stream(counts).max().orElseThrow();
                assertThat(max - min).as(split.name() + " label counts " + Arrays.toString(counts)).isLessThanOrEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GlueTask.class)
    void sentencesAreShortAndInTheVocabulary(GlueTask task) throws IOException {
        Set<String> vocabulary = vocabulary().keySet();
        for (GlueSplit split : allSplits(GlueData.load(smoke.folder(), task))) {
            for (Example example : split.examples()) {
                for (String text : example.isPair() ? List.of(example.textA(), example.textB()) : List.of(example.textA())) {
                    List<String> words = List.of(text.split(" "));
                    assertThat(words.size()).as(text).isBetween(4, 20);
                    assertThat(vocabulary).as(text).containsAll(words);
                }
            }
        }
    }

    @Test
    void theTokenizerIsWordLevelWithRobertaSpecialTokens() throws IOException {
        Map<String, Integer> vocabulary = vocabulary();
        assertThat(vocabulary).containsEntry("<s>", 0).containsEntry("<pad>", 1).containsEntry("</s>", 2)
                .containsEntry("<unk>", 3).containsEntry("<mask>", 4);
        assertThat(vocabulary.size()).isBetween(100, 300).isEqualTo(smoke.vocabularySize());

        try (TextEncoder encoder = TextEncoder.load(smoke.tokenizer(), 32)) {
            EncodedExample pair = encoder.encode("the cat saw my ball", "zebra cat");

            assertThat(pair.inputIds()).containsExactly(0, vocabulary.get("the"), vocabulary.get("cat"),
                    vocabulary.get("saw"), vocabulary.get("my"), vocabulary.get("ball"), 2, 2, 3, vocabulary.get("cat"), 2);
            assertThat(pair.typeIds()).containsOnly(0);
            assertThat(encoder.padId()).isEqualTo(1);
        }
    }

    @Test
    void theCorpusHoldsEveryTrainSentence() throws IOException {
        List<String> lines = Files.readAllLines(smoke.corpus(), StandardCharsets.UTF_8);
        // CoLA and SST-2 give one sentence per example, the six pair tasks two
        assertThat(lines).hasSize(SmokeScale.DEFAULT.trainPerTask() * (2 + 6 * 2));
        Example mrpcFirst = GlueData.load(smoke.folder(), GlueTask.MRPC).train().examples().get(0);
        assertThat(lines).contains(mrpcFirst.textA(), mrpcFirst.textB());
    }

    @Test
    void theReadmeSaysTheDataIsSynthetic() throws IOException {
        String readme = Files.readString(smoke.folder().resolve("README.txt"));

        assertThat(readme).startsWith("synthetic smoke data: not comparable to the paper\n")
                .contains("seed " + SEED).contains("400 train and 160 dev");
    }

    // ---- the labels follow the rules the README states (checked here without the generator's code)

    @Test
    void sst2SentimentIsThePolarWordFlippedByNegation() throws IOException {
        Set<String> positive = new HashSet<>(SmokeLexicon.POSITIVE_ADJECTIVES);
        positive.addAll(SmokeLexicon.POSITIVE_VERBS);
        for (Example example : GlueData.load(smoke.folder(), GlueTask.SST2).train().examples()) {
            List<String> words = List.of(example.textA().split(" "));
            boolean positiveWord = words.stream().anyMatch(positive::contains);
            boolean negated = words.contains("not") || words.contains("never");
            assertThat(example.label()).as(example.textA()).isEqualTo(positiveWord != negated ? 1 : 0);
        }
    }

    @Test
    void mnliRelationFollowsWordsKeptAddedOrNegated() throws IOException {
        GlueData data = GlueData.load(smoke.folder(), GlueTask.MNLI);
        for (Example example : data.train().examples()) {
            Set<String> premise = new HashSet<>(List.of(example.textA().split(" ")));
            List<String> hypothesis = List.of(example.textB().split(" "));
            int expected = hypothesis.contains("never") ? 2 : premise.containsAll(hypothesis) ? 0 : 1;
            assertThat(example.label()).as(example.textA() + " / " + example.textB()).isEqualTo(expected);
        }
    }

    @Test
    void rteEntailmentIsAHypothesisThatOnlyKeepsPremiseWords() throws IOException {
        for (Example example : GlueData.load(smoke.folder(), GlueTask.RTE).train().examples()) {
            Set<String> premise = new HashSet<>(List.of(example.textA().split(" ")));
            List<String> hypothesis = List.of(example.textB().split(" "));
            boolean entailed = !hypothesis.contains("never") && premise.containsAll(hypothesis);
            assertThat(example.label()).as(example.textA() + " / " + example.textB()).isEqualTo(entailed ? 0 : 1);
        }
    }

    @Test
    void qqpDuplicatesDifferInOneSynonymAndOthersInTwoWords() throws IOException {
        for (Example example : GlueData.load(smoke.folder(), GlueTask.QQP).train().examples()) {
            String[] a = example.textA().split(" ");
            String[] b = example.textB().split(" ");
            assertThat(b).hasSameSizeAs(a);
            int differing = 0;
            for (int i = 0; i < a.length; i++) {
                if (!a[i].equals(b[i])) {
                    differing++;
                    if (example.label() == 1) {
                        assertThat(SmokeLexicon.synonymOf(a[i])).isEqualTo(b[i]);
                    }
                }
            }
            assertThat(differing).as(example.textA() + " / " + example.textB()).isEqualTo(example.label() == 1 ? 1 : 2);
        }
    }

    @Test
    void colaAcceptabilityIsTheGrammar() throws IOException {
        for (Example example : GlueData.load(smoke.folder(), GlueTask.COLA).train().examples()) {
            List<String> words = List.of(example.textA().split(" "));
            assertThat(SmokeSentences.isGrammatical(words)).as(example.textA()).isEqualTo(example.label() == 1);
        }
    }

    // ---- writing

    @Test
    void aLargerScaleGivesMoreExamples() throws IOException {
        SmokeFolder larger = SmokeTasks.generate(temp.resolve("larger"), SEED, SmokeScale.DEFAULT.times(2));

        assertThat(GlueData.load(larger.folder(), GlueTask.RTE).train().size()).isEqualTo(800);
    }

    @Test
    void refusesAFolderThatHoldsFilesAndLeavesNothingBehind() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(folder.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> SmokeTasks.generate(folder, SEED, SmokeScale.DEFAULT))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("taken");
        }
    }

    @Test
    void writesIntoAnEmptyFolderWithoutLeavingAPartialOne() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("empty"));

        SmokeTasks.generate(folder, SEED, SmokeScale.DEFAULT);

        assertThat(folder.resolve("README.txt")).exists();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("empty");
        }
    }

    private static List<GlueSplit> allSplits(GlueData data) {
        return Stream.concat(Stream.of(data.train()), data.dev().stream()).toList();
    }

    private static Map<String, Integer> vocabulary() throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(smoke.tokenizer().toFile()).path("model").path("vocab");
        Map<String, Integer> ids = new TreeMap<>();
        vocab.fields().forEachRemaining(entry -> ids.put(entry.getKey(), entry.getValue().asInt()));
        return ids;
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    file -> folder.relativize(file).toString().replace('\\', '/'), SmokeTasksTest::read,
                    (a, b) -> a, TreeMap::new));
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
