package org.peftrepro.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every metric on cases worked out by hand from the reference implementations' definitions (DROP's official
 * script as lm-evaluation-harness ships it, lm-evaluation-harness's BBH regex, InstructEval's prefix match, the
 * Codex paper's pass@k).
 */
class MetricsTest {

    @Test
    void dropNumbersCompareAsPythonFloats() {
        assertThat(drop(List.of("3"), List.of("3"))).isEqualTo(new DropMetric.Score(1, 1));
        // "1,000" is no float: its comma goes with the punctuation, then "1000" is one, like the gold's.
        assertThat(drop(List.of("1,000"), List.of("1000"))).isEqualTo(new DropMetric.Score(1, 1));
        assertThat(drop(List.of("2.50"), List.of("2.5"))).isEqualTo(new DropMetric.Score(1, 1));
        // A gold number must be matched by a number: "three" shares nothing with "3.0".
        assertThat(drop(List.of("three"), List.of("3"))).isEqualTo(new DropMetric.Score(0, 0));
        // {4.0, yards} against {4.0}: precision 1/2, recall 1, F1 2/3, rounded to 0.67.
        assertThat(drop(List.of("4 yards"), List.of("4"))).isEqualTo(new DropMetric.Score(0, 0.67));
    }

    @Test
    void dropIgnoresCaseArticlesPunctuationAndHyphens() {
        assertThat(drop(List.of("The Eiffel Tower."), List.of("eiffel tower"))).isEqualTo(new DropMetric.Score(1, 1));
        assertThat(drop(List.of("well-known"), List.of("well known"))).isEqualTo(new DropMetric.Score(1, 1));
        // {red, car} against {red, truck}: one shared of two each, F1 0.5.
        assertThat(drop(List.of("the red car"), List.of("red truck"))).isEqualTo(new DropMetric.Score(0, 0.5));
    }

    @Test
    void dropAlignsMultiSpanAnswersOneToOne() {
        // Bob meets Bob (1), Carol is left with Alice (0): mean over two spans 0.5.
        assertThat(drop(List.of("Alice", "Bob"), List.of("Bob", "Carol"))).isEqualTo(new DropMetric.Score(0, 0.5));
        // One predicted span for two gold ones: {alice, and, bob} scores 0.5 with either, only one can have it,
        // and the mean runs over the two gold spans: 0.25.
        assertThat(drop(List.of("Alice and Bob"), List.of("Alice", "Bob"))).isEqualTo(new DropMetric.Score(0, 0.25));
        // The same spans in another order are an exact match.
        assertThat(drop(List.of("Bob", "Alice"), List.of("alice", "bob"))).isEqualTo(new DropMetric.Score(1, 1));
    }

    @Test
    void dropTakesTheBestGoldAnswerAndSkipsBlankOnes() {
        assertThat(DropMetric.score(List.of("blue"), List.of(List.of("red"), List.of("blue"))))
                .isEqualTo(new DropMetric.Score(1, 1));
        assertThat(DropMetric.score(List.of(""), List.of(List.of(""), List.of("x")))).isEqualTo(new DropMetric.Score(0, 0));
    }

    @Test
    void pythonFloatReprAsPythonPrintsIt() {
        assertThat(PythonFloat.repr(PythonFloat.parse("3"))).isEqualTo("3.0");
        assertThat(PythonFloat.repr(PythonFloat.parse("1e5"))).isEqualTo("100000.0");
        assertThat(PythonFloat.repr(PythonFloat.parse("1_000"))).isEqualTo("1000.0");
        assertThat(PythonFloat.repr(PythonFloat.parse("0.1"))).isEqualTo("0.1");
        assertThat(PythonFloat.repr(PythonFloat.parse("-0.5"))).isEqualTo("-0.5");
        assertThat(PythonFloat.repr(PythonFloat.parse("0.0001"))).isEqualTo("0.0001");
        assertThat(PythonFloat.repr(PythonFloat.parse("0.00001"))).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(PythonFloat.parse("1e16"))).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(PythonFloat.parse("1e15"))).isEqualTo("1000000000000000.0");
        assertThat(PythonFloat.repr(PythonFloat.parse("123456789012345678"))).isEqualTo("1.2345678901234568e+17");
        assertThat(PythonFloat.repr(PythonFloat.parse("Infinity"))).isEqualTo("inf");
        assertThat(DropMetric.isNumber("5.")).isTrue();
        assertThat(DropMetric.isNumber(".5")).isTrue();
        assertThat(DropMetric.isNumber("5d")).isFalse();
        assertThat(DropMetric.isNumber("1__0")).isFalse();
    }

    @Test
    void theAssignmentMaximisesTheTotalWhereGreedyChoiceDoesNot() {
        double[][] scores = {{1, 0.9, 0}, {0.9, 0, 0}, {0, 0, 0.5}};
        // Greedy would give row 0 its 1 and leave row 1 with 0 (total 1.5); the best total is 0.9 + 0.9 + 0.5.
        assertThat(Assignment.maximize(scores)).containsExactly(1, 0, 2);
        assertThat(Assignment.maximize(new double[][] {{0.2}, {0.7}})).containsExactly(-1, 0);
        assertThat(Assignment.maximize(new double[][] {{0.2, 0.6, 0.1}})).containsExactly(1);
    }

    @Test
    void bbhAnswerIsLmEvalsRegexFirstMatch() {
        assertThat(BbhAnswer.extract("Let's think step by step.\n2 + 2 = 4. So the answer is 4.")).isEqualTo("4");
        assertThat(BbhAnswer.extract("So the answer is (A).")).isEqualTo("(A)");
        assertThat(BbhAnswer.extract("the answer is 3.\nthe answer is 5.")).isEqualTo("3");
        assertThat(BbhAnswer.extract("so the answer is  valid .")).isEqualTo("valid");
        // The lookahead always drops the line's last character, full stop or not.
        assertThat(BbhAnswer.extract("So the answer is False")).isEqualTo("Fals");
        assertThat(BbhAnswer.extract("The Answer is 4.")).isEqualTo(BbhAnswer.INVALID);
        assertThat(BbhAnswer.correct("So the answer is True.", "True")).isTrue();
        assertThat(BbhAnswer.correct("So the answer is true.", "True")).isFalse();
    }

    @Test
    void prefixMatchIsInstructEvalsStripThenStartsWith() {
        assertThat(PrefixMatch.correct(" B", "B")).isTrue();
        assertThat(PrefixMatch.correct("\n B. the second", "B")).isTrue();
        assertThat(PrefixMatch.correct(" b", "B")).isFalse();
        assertThat(PrefixMatch.correct(" (B)", "B")).isFalse();
        assertThat(PrefixMatch.correct(" 12 apples", "12")).isTrue();
    }

    @Test
    void passAtKIsTheUnbiasedEstimator() {
        assertThat(PassAtK.estimate(1, 1, 1)).isEqualTo(1.0);
        assertThat(PassAtK.estimate(1, 0, 1)).isEqualTo(0.0);
        // 1 - C(3,1)/C(5,1) = 1 - 3/5
        assertThat(PassAtK.estimate(5, 2, 1)).isCloseTo(0.4, within(1e-12));
        // 1 - C(7,5)/C(10,5) = 1 - 21/252
        assertThat(PassAtK.estimate(10, 3, 5)).isCloseTo(1 - 21.0 / 252, within(1e-12));
        // Fewer failures than k: every draw of k holds a pass.
        assertThat(PassAtK.estimate(4, 2, 3)).isEqualTo(1.0);
    }

    private static DropMetric.Score drop(List<String> predicted, List<String> gold) {
        return DropMetric.score(predicted, List.of(gold));
    }
}
