package org.peftrepro.datasets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke benchmarks: deterministic, in the Hub layouts the readers read, every answer right. */
class SmokeBenchmarksTest {
    @TempDir
    static Path temp;
    static SmokeBenchmarks.Folders folders;

    @BeforeAll
    static void generate() throws IOException {
        folders = SmokeBenchmarks.generate(temp.resolve("smoke"), 17);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherQuestions() throws IOException {
        SmokeBenchmarks.Folders again = SmokeBenchmarks.generate(temp.resolve("again"), 17);
        List<Path> files = files(folders.root());
        assertThat(files).hasSize(files(again.root()).size()).hasSizeGreaterThan(10);
        for (Path file : files) {
            Path twin = again.root().resolve(folders.root().relativize(file));
            assertThat(Files.readAllBytes(twin)).as(file.toString()).isEqualTo(Files.readAllBytes(file));
        }
        SmokeBenchmarks.Folders other = SmokeBenchmarks.generate(temp.resolve("other"), 18);
        assertThat(BenchmarkFiles.bbh(other.bbh()).get(0).examples()).isNotEqualTo(BenchmarkFiles.bbh(folders.bbh()).get(0).examples());
        assertThat(SmokeBenchmarks.isSmoke(folders.root())).isTrue();
        assertThat(SmokeBenchmarks.isSmoke(temp)).isFalse();
    }

    @Test
    void mmluQuestionsAskTheWorldsFactsAndSums() throws IOException {
        Map<String, List<MmluQuestion>> dev = BenchmarkFiles.mmlu(folders.mmlu(), "dev");
        Map<String, List<MmluQuestion>> test = BenchmarkFiles.mmlu(folders.mmlu(), "test");
        assertThat(test.keySet()).containsExactly("elementary_arithmetic", "favourite_colours", "occupations", "pets", "town_geography");
        assertThat(dev.values()).allSatisfy(questions -> assertThat(questions).hasSize(5));
        SmokeWorld world = SmokeWorld.create(17);
        Pattern sum = Pattern.compile("What is (\\d+) ([+-]) (\\d+)\\?");
        for (List<MmluQuestion> questions : test.values()) {
            assertThat(questions).hasSize(12);
            for (MmluQuestion q : questions) {
                String truth;
                Matcher m = sum.matcher(q.question());
                if (m.matches()) {
                    int a = Integer.parseInt(m.group(1));
                    int b = Integer.parseInt(m.group(3));
                    truth = Integer.toString(m.group(2).equals("+") ? a + b : a - b);
                } else {
                    SmokeWorld.Person person = world.people().stream().filter(p -> q.question().contains(p.name() + " ")
                            || q.question().contains(p.name() + "'") || q.question().endsWith(p.name() + "?")).findFirst().orElseThrow();
                    truth = person.facts().values().stream().filter(q.choices()::contains).findFirst().orElseThrow();
                }
                assertThat(q.choices().get(q.answer())).as(q.question()).isEqualTo(truth);
                assertThat(q.choices()).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void bbhTargetsFollowFromTheirInputsAndTheChainOfThoughtPromptsEndInTheirAnswers() throws IOException {
        List<BbhTask> tasks = BenchmarkFiles.bbh(folders.bbh());
        assertThat(tasks).extracting(BbhTask::name).containsExactly("boolean_expressions", "object_counting", "web_of_lies",
                "word_sorting");
        for (BbhTask task : tasks) {
            assertThat(task.examples()).hasSize(18);
            assertThat(task.chainOfThought()).isPresent();
            assertThat(task.chainOfThought().get().exemplars()).hasSize(3)
                    .allSatisfy(e -> assertThat(e).startsWith("Q: ").contains("\nA: Let's think step by step.\n").contains("So the answer is "));
            for (BbhExample example : task.examples()) {
                assertThat(example.target()).as(example.input()).isEqualTo(solve(task.name(), example.input()));
            }
        }
    }

    @Test
    void dropAnswersAreInThePassageOrFollowFromIt() throws IOException {
        List<DropQuestion> validation = BenchmarkFiles.drop(folders.drop(), "validation");
        assertThat(BenchmarkFiles.drop(folders.drop(), "train")).isNotEmpty().doesNotContainAnyElementsOf(validation);
        assertThat(validation).anySatisfy(q -> assertThat(q.spans()).hasSize(2));
        assertThat(validation.stream().filter(DropQuestion::hasOneAnswer).count()).isGreaterThan(validation.size() / 2);
        for (DropQuestion q : validation) {
            for (int i = 0; i < q.spans().size(); i++) {
                if (q.types().get(i).equals("span")) {
                    assertThat(q.passage()).contains(q.spans().get(i));
                }
            }
            Matcher scorer = Pattern.compile("How many goals did ([A-Z][a-z]+) score\\?").matcher(q.question());
            if (scorer.matches()) {
                Matcher goals = Pattern.compile(scorer.group(1) + " scored (\\d+) goal").matcher(q.passage());
                assertThat(goals.find()).isTrue();
                assertThat(q.spans()).containsExactly(goals.group(1));
            }
        }
    }

    @Test
    void humanEvalProblemsHaveDistinctEntryPointsAndTheirShape() throws IOException {
        List<HumanEvalProblem> problems = BenchmarkFiles.humanEval(folders.humanEval());
        assertThat(problems).hasSize(12);
        assertThat(problems).extracting(HumanEvalProblem::entryPoint).doesNotHaveDuplicates();
        for (HumanEvalProblem p : problems) {
            assertThat(p.prompt()).startsWith("def " + p.entryPoint() + "(").endsWith("\"\"\"\n");
            assertThat(p.test()).contains("def check(candidate):\n    assert candidate(");
            assertThat(p.canonicalSolution()).startsWith("    return ");
        }
    }

    @Test
    void chainOfThoughtPromptsReadTheBbhRepositoryFormat() {
        String file = "canary text\n-----\nEvaluate things.\n\nQ: a is\nA: Let's think step by step.\nx.\nSo the answer is b.\n\n"
                + "Q: c is\nA: Let's think step by step.\nSo the answer is d.\n";
        CotPrompt prompt = CotPrompt.parse(file);
        assertThat(prompt.description()).isEqualTo("Evaluate things.");
        assertThat(prompt.exemplars()).containsExactly("Q: a is\nA: Let's think step by step.\nx.\nSo the answer is b.",
                "Q: c is\nA: Let's think step by step.\nSo the answer is d.");
        assertThat(CotPrompt.parse(prompt.format())).isEqualTo(prompt);
    }

    @Test
    void bbhAlsoReadsLukaemonsParquetConversionLayout() throws IOException {
        Path converted = temp.resolve("lukaemon");
        Path source = folders.bbh().resolve("word_sorting").resolve("test-00000-of-00001.parquet");
        Files.createDirectories(converted.resolve("word_sorting").resolve("test"));
        Files.copy(source, converted.resolve("word_sorting").resolve("test").resolve("0000.parquet"));
        List<BbhTask> tasks = BenchmarkFiles.bbh(converted);
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("word_sorting");
            assertThat(t.examples()).hasSize(18);
            assertThat(t.chainOfThought()).isEmpty();
        });
    }

    @Test
    void aFileWithoutAColumnOfItsFormatIsAnErrorNamingFileAndColumn() throws IOException {
        Path broken = temp.resolve("broken");
        Path file = broken.resolve("some_task").resolve("test-00000-of-00001.parquet");
        Parquet.write(file, Map.of("input", "VARCHAR"), List.of(Map.of("input", "x")));
        assertThatThrownBy(() -> BenchmarkFiles.bbh(broken)).isInstanceOf(BenchmarkFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("no column 'target'");
    }

    /** Each task's answer worked out here, independently of the generator. */
    private static String solve(String task, String input) {
        switch (task) {
            case "word_sorting" -> {
                String[] words = input.substring(input.indexOf("List: ") + 6).split(" ");
                Arrays.sort(words);
                return String.join(" ", words);
            }
            case "object_counting" -> {
                boolean animals = input.contains("How many animals");
                List<String> animalWords = List.of("cat", "dog", "parrot", "rabbit", "turtle", "goat");
                int total = 0;
                String list = input.substring("I have ".length(), input.indexOf(". How many"));
                for (String phrase : list.replace(" and ", ", ").split(", ")) {
                    String[] parts = phrase.split(" ");
                    String noun = parts[1].equals("peaches") ? "peach" : parts[1].replaceAll("s$", "");
                    if (animalWords.contains(noun) == animals) {
                        total += List.of("a", "an").contains(parts[0]) ? 1 : List.of("zero", "one", "two", "three").indexOf(parts[0]);
                    }
                }
                return Integer.toString(total);
            }
            case "web_of_lies" -> {
                String[] sentences = input.substring("Question: ".length(), input.indexOf(" Does ")).split("\\. ?");
                boolean truthful = sentences[0].endsWith("tells the truth");
                for (int i = 1; i < sentences.length; i++) {
                    truthful = sentences[i].endsWith("tells the truth") == truthful;
                }
                return truthful ? "Yes" : "No";
            }
            case "boolean_expressions" -> {
                // Python's precedence: split at "or", each part a conjunction of possibly negated literals.
                String expression = input.substring(0, input.length() - " is".length());
                boolean any = false;
                for (String conjunction : expression.split(" or ")) {
                    boolean all = true;
                    for (String literal : conjunction.split(" and ")) {
                        boolean value = literal.endsWith("True");
                        all &= literal.startsWith("not ") != value;
                    }
                    any |= all;
                }
                return any ? "True" : "False";
            }
            default -> throw new IllegalArgumentException(task);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return new ArrayList<>(paths.filter(Files::isRegularFile).sorted().toList());
        }
    }
}
