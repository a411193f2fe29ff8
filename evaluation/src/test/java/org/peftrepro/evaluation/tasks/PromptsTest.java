package org.peftrepro.evaluation.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peftrepro.datasets.bench.BbhExample;
import org.peftrepro.datasets.bench.CotPrompt;
import org.peftrepro.datasets.bench.HumanEvalProblem;
import org.peftrepro.datasets.bench.MmluQuestion;

/** Each protocol's prompt, written out as InstructEval and lm-evaluation-harness build it. */
class PromptsTest {
    private static final MmluQuestion SHOT = new MmluQuestion("abstract_algebra", "Find 1 + 1.", List.of("0", "1", "2", "3"), 2);
    private static final MmluQuestion ASKED = new MmluQuestion("abstract_algebra", " What is x? ", List.of("a", "b", "c", "d"), 0);

    @Test
    void instructEvalMmluHasTwoSpacesBeforeTheSubjectAndEndsAtAnswer() {
        String prompt = MmluRun.instructEvalPrompt("abstract_algebra", List.of(SHOT), 1) + MmluRun.instructEvalExample(ASKED, false);
        assertThat(prompt).isEqualTo("The following are multiple choice questions (with answers) about  abstract algebra.\n\n"
                + "Find 1 + 1.\nA. 0\nB. 1\nC. 2\nD. 3\nAnswer: C\n\n"
                + " What is x? \nA. a\nB. b\nC. c\nD. d\nAnswer:");
    }

    @Test
    void lmEvalMmluHasOneSpaceStripsQuestionsAndJoinsShotsByBlankLines() {
        assertThat(MmluRun.lmEvalContext("abstract_algebra", List.of(SHOT, SHOT), ASKED))
                .isEqualTo("The following are multiple choice questions (with answers) about abstract algebra.\n\n"
                        + "Find 1 + 1.\nA. 0\nB. 1\nC. 2\nD. 3\nAnswer: C\n\n"
                        + "Find 1 + 1.\nA. 0\nB. 1\nC. 2\nD. 3\nAnswer: C\n\n"
                        + "What is x?\nA. a\nB. b\nC. c\nD. d\nAnswer:");
    }

    @Test
    void bbhPromptsOfBothProtocols() {
        BbhExample shot = new BbhExample("True and False is", "False");
        BbhExample asked = new BbhExample("not True is", "False");
        assertThat(BbhRun.instructEvalPrompt(List.of(shot, shot), asked))
                .isEqualTo("True and False is\nAnswer: False\n\nTrue and False is\nAnswer: False\n\nnot True is\nAnswer:");
        CotPrompt cot = new CotPrompt("Evaluate it.", List.of("Q: a\nA: Let's think step by step.\nSo the answer is b."));
        assertThat(BbhRun.lmEvalPrompt(cot, asked)).isEqualTo("Evaluate it.\n\nQ: a\nA: Let's think step by step.\n"
                + "So the answer is b.\n\nQ: not True is\nA: Let's think step by step.");
    }

    @Test
    void instructEvalMakesIndentsEvenThenCutsAtTheFirstBlankLine() {
        assertThat(CodeCompletion.instructEval("\n\n   return x\n     y = 1\n\nprint(x)\n")).isEqualTo("    return x\n      y = 1");
        assertThat(CodeCompletion.instructEval("    return x + 1\n")).isEqualTo("    return x + 1\n");
        assertThat(CodeCompletion.instructEval("")).isEmpty();
    }

    @Test
    void aProgramIsPromptCompletionTestsAndTheCheckCall() {
        HumanEvalProblem problem = new HumanEvalProblem("T/0", "def f(x):\n", "    return x\n", "\n\ndef check(candidate):\n    assert candidate(1) == 1\n", "f");
        assertThat(CodeCompletion.program(problem, "    return x\n"))
                .isEqualTo("def f(x):\n    return x\n\n\n\ndef check(candidate):\n    assert candidate(1) == 1\n\ncheck(f)\n");
    }
}
