package org.peftrepro.evaluation.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.datasets.bench.BbhTask;
import org.peftrepro.datasets.bench.BenchmarkFiles;
import org.peftrepro.datasets.bench.DropQuestion;
import org.peftrepro.datasets.bench.HumanEvalProblem;
import org.peftrepro.datasets.bench.MmluQuestion;
import org.peftrepro.datasets.bench.SmokeBenchmarks;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.LogLikelihood;
import org.peftrepro.evaluation.sandbox.CodeSandbox;
import org.peftrepro.evaluation.sandbox.SandboxLimits;

/** The benchmark runs on the smoke benchmarks, with answers made up here instead of a model's. */
class BenchmarkRunsTest {
    @TempDir
    static Path temp;
    static SmokeBenchmarks.Folders smoke;
    static PromptBudget budget;
    static CausalTokenizer tokenizer;

    @BeforeAll
    static void setUp() throws IOException {
        smoke = SmokeBenchmarks.generate(temp.resolve("smoke"), 17);
        tokenizer = WordTokenizer.create(temp, "A", "B", "C", "D", "Answer:");
        budget = new PromptBudget(tokenizer, 4096);
    }

    @AfterAll
    static void tearDown() {
        tokenizer.close();
    }

    @Test
    void everyCanonicalHumanEvalSolutionPassesInTheSandboxAndAWrongOneFails() throws IOException {
        List<HumanEvalProblem> problems = BenchmarkFiles.humanEval(smoke.humanEval());
        try (CodeSandbox sandbox = CodeSandbox.create(SandboxLimits.DEFAULT, null)) {
            for (Protocol protocol : Protocol.values()) {
                HumanEvalRun run = new HumanEvalRun(protocol, problems, budget, sandbox, 0, 2, 17, 0);
                List<Question> questions = run.questions();
                List<Answer> canonical = problems.stream().map(p -> generated(p.canonicalSolution())).toList();
                List<ItemResult> results = run.score(questions, canonical);
                assertThat(results).as(protocol.wireName()).allSatisfy(r -> assertThat(r.metrics()).containsEntry("pass@1", 1.0));
                assertThat(run.aggregate(results).metrics()).containsEntry("pass@1", 1.0);
                List<ItemResult> wrong = run.score(questions.subList(0, 1), List.of(generated("    return None\n")));
                assertThat(wrong.get(0).metrics()).containsEntry("pass@1", 0.0);
                assertThat(wrong.get(0).detail()).startsWith("failed");
            }
        }
    }

    @Test
    void instructEvalDropAsksSingleAnswerQuestionsOffTheShotsPassages() throws IOException {
        List<DropQuestion> validation = BenchmarkFiles.drop(smoke.drop(), "validation");
        DropRun run = new DropRun(Protocol.INSTRUCT_EVAL, validation, List.of(), budget, 0, 0);
        Map<String, DropQuestion> byId = validation.stream().collect(Collectors.toMap(DropQuestion::queryId, q -> q));
        Set<String> shotPassages = run.shots().stream().map(DropQuestion::passage).collect(Collectors.toSet());
        assertThat(run.shots()).hasSize(3).allSatisfy(s -> assertThat(s.hasOneAnswer()).isTrue());
        List<Question> questions = run.questions();
        assertThat(questions).isNotEmpty().allSatisfy(q -> {
            assertThat(byId.get(q.id()).hasOneAnswer()).isTrue();
            assertThat(shotPassages).doesNotContain(byId.get(q.id()).passage());
        });
        // The gold answer after a space scores; another does not.
        Question first = questions.get(0);
        String gold = byId.get(first.id()).spans().get(0);
        assertThat(run.score(List.of(first, first), List.of(generated(" " + gold + " goals"), generated(" nobody"))))
                .extracting(r -> r.metrics().get("acc")).containsExactly(1.0, 0.0);
    }

    @Test
    void lmEvalDropScoresEveryQuestionByF1() throws IOException {
        List<DropQuestion> validation = BenchmarkFiles.drop(smoke.drop(), "validation");
        DropRun run = new DropRun(Protocol.LM_EVAL, validation, BenchmarkFiles.drop(smoke.drop(), "train"), budget, 0, 0);
        List<Question> questions = run.questions();
        assertThat(questions).hasSize(validation.size());
        DropQuestion twoSpans = validation.stream().filter(q -> q.spans().size() == 2).findFirst().orElseThrow();
        Question asked = questions.stream().filter(q -> q.id().equals(twoSpans.queryId())).findFirst().orElseThrow();
        // One of the two players named: F1 1 for that span, 0 for the other, averaged: 0.5.
        ItemResult half = run.score(List.of(asked), List.of(generated(" " + twoSpans.spans().get(0)))).get(0);
        assertThat(half.metrics()).containsEntry("f1", 0.5).containsEntry("em", 0.0);
        assertThat(run.primaryMetric()).isEqualTo("f1");
    }

    @Test
    void lmEvalMmluIsRightWhenTheGoldLetterScoresHighest() throws IOException {
        Map<String, List<MmluQuestion>> test = BenchmarkFiles.mmlu(smoke.mmlu(), "test");
        MmluRun run = new MmluRun(Protocol.LM_EVAL, BenchmarkFiles.mmlu(smoke.mmlu(), "dev"), test, budget, 2);
        List<Question> questions = run.questions();
        assertThat(questions).hasSize(2 * test.size());
        assertThat(questions.get(0).ask()).isInstanceOfSatisfying(Question.Choose.class, c -> assertThat(c.options()).hasSize(4));
        MmluQuestion row = test.get(questions.get(0).group()).get(0);
        List<Answer> answers = new ArrayList<>();
        for (int best : new int[] {row.answer(), (row.answer() + 1) % 4}) {
            List<LogLikelihood> options = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                options.add(new LogLikelihood(i == best ? -1.0 : -5.0, false, 1));
            }
            answers.add(new Answer.Ranked(options));
        }
        assertThat(run.score(List.of(questions.get(0), questions.get(0)), answers)).extracting(r -> r.metrics().get("acc"))
                .containsExactly(1.0, 0.0);
    }

    @Test
    void instructEvalBbhAveragesTasksAndLmEvalWeighsThemBySize() throws IOException {
        List<BbhTask> tasks = BenchmarkFiles.bbh(smoke.bbh());
        List<ItemResult> results = List.of(item("a", 1), item("a", 1), item("a", 0), item("a", 0), item("b", 1));
        // Tasks a (2 of 4) and b (1 of 1): mean of tasks 0.75, mean of items 0.6.
        assertThat(new BbhRun(Protocol.INSTRUCT_EVAL, tasks, budget, 0, 0).aggregate(results).metrics().get("acc"))
                .isCloseTo(0.75, within(1e-12));
        assertThat(new BbhRun(Protocol.LM_EVAL, tasks, budget, 0, 0).aggregate(results).metrics().get("acc"))
                .isCloseTo(0.6, within(1e-12));
        // InstructEval's shots leave the test set: 15 of 18 rows asked per task.
        assertThat(new BbhRun(Protocol.INSTRUCT_EVAL, tasks, budget, 0, 0).questions()).hasSize(15 * tasks.size());
        assertThat(new BbhRun(Protocol.LM_EVAL, tasks, budget, 0, 0).questions()).hasSize(18 * tasks.size());
    }

    @Test
    void lmEvalBbhRefusesTasksWithoutAChainOfThoughtPrompt() throws IOException {
        BbhTask bare = new BbhTask("some_task", BenchmarkFiles.bbh(smoke.bbh()).get(0).examples(), Optional.empty());
        assertThatThrownBy(() -> new BbhRun(Protocol.LM_EVAL, List.of(bare), budget, 0, 0))
                .hasMessageContaining("cot-prompts/<task>.txt").hasMessageContaining("some_task");
    }

    @Test
    void aPromptTooLongForTheModelLosesItsLeftAndTheNewTokensFit() {
        PromptBudget small = new PromptBudget(tokenizer, 8);
        assertThat(small.maxNewTokens(32)).isEqualTo(7);
        int[] ids = small.fit("A B C D A B C D", 5);
        // Room for 8 - 5 = 3 prompt tokens: the last three words, no BOS.
        assertThat(ids).containsExactly(tokenizer.encode("B C D"));
    }

    private static ItemResult item(String group, double acc) {
        return new ItemResult(group + "/" + acc, group, Map.of("acc", acc), "", "");
    }

    private static Answer generated(String text) {
        return new Answer.Generated(new Generation(new int[0], text, Generation.Stop.EOS));
    }
}
