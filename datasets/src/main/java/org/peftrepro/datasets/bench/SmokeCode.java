package org.peftrepro.datasets.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The smoke HumanEval: one-line Python functions in HumanEval's shape (a signature and a docstring with an example to
 * continue, a body, a {@code check(candidate)} of assertions), from a dozen templates, some with a number or a letter
 * drawn for each problem ({@code add_7}, {@code count_e}), so that an instruction generator can teach the same
 * templates with other draws.
 */
public final class SmokeCode {
    private static final List<String> WORDS = List.of("banana", "teacher", "green", "parrot", "apple", "farmer", "yellow",
            "rabbit", "peach", "painter");
    private static final String LETTERS = "aeinrt";

    /** A function: how it is called, what it does, its body, and calls with their results (as Python literals). */
    private record Function(String name, String signature, String doc, String body, List<String[]> cases) {}

    private SmokeCode() {}

    /** {@code count} problems with distinct function names, ids {@code <prefix>/0}, {@code <prefix>/1}, ... */
    public static List<HumanEvalProblem> problems(Random random, int count, String prefix) {
        List<IntFunction<Function>> templates = templates(random);
        List<HumanEvalProblem> problems = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int attempt = 0; problems.size() < count; attempt++) {
            if (attempt > 100 * count) {
                throw new IllegalStateException("cannot draw " + count + " distinct smoke HumanEval problems");
            }
            Function f = templates.get(random.nextInt(templates.size())).apply(2 + random.nextInt(8));
            if (names.add(f.name())) {
                problems.add(problem(prefix + "/" + problems.size(), f));
            }
        }
        return problems;
    }

    private static HumanEvalProblem problem(String taskId, Function f) {
        String[] example = f.cases().get(0);
        String prompt = "def " + f.name() + f.signature() + ":\n    \"\"\"" + f.doc() + "\n    >>> " + f.name() + "(" + example[0]
                + ")\n    " + example[1] + "\n    \"\"\"\n";
        String test = "\n\ndef check(candidate):\n" + f.cases().stream()
                .map(c -> "    assert candidate(" + c[0] + ") == " + c[1] + "\n").collect(Collectors.joining());
        return new HumanEvalProblem(taskId, prompt, "    return " + f.body() + "\n", test, f.name());
    }

    private static List<IntFunction<Function>> templates(Random random) {
        List<IntFunction<Function>> t = new ArrayList<>();
        t.add(k -> new Function("add_" + k, "(x: int) -> int", "Return x plus " + k + ".", "x + " + k,
                cases(x -> x + k, 1, 0, 5, -3)));
        t.add(k -> new Function("times_" + k, "(x: int) -> int", "Return x times " + k + ".", "x * " + k,
                cases(x -> x * k, 2, 0, 3, -2)));
        t.add(k -> new Function("minus_" + k, "(x: int) -> int", "Return x minus " + k + ".", "x - " + k,
                cases(x -> x - k, 10, 0, k, -1)));
        t.add(k -> new Function("is_multiple_of_" + k, "(n: int) -> bool", "Return True if n is a multiple of " + k
                + ", else False.", "n % " + k + " == 0", List.of(row(3 * k, true), row(3 * k + 1, false),
                        row(0, true), row(k + 1, false))));
        t.add(k -> new Function("first_" + k, "(items: list) -> list", "Return the first " + k + " items of the list.",
                "items[:" + k + "]", List.of(new String[] {list(10), list(Math.min(k, 10))}, new String[] {"[]", "[]"},
                        new String[] {list(1), list(1)})));
        t.add(k -> new Function("repeat_" + k, "(word: str) -> str", "Return the word written " + k + " times in a row.",
                "word * " + k, List.of(new String[] {"'ab'", "'" + "ab".repeat(k) + "'"}, new String[] {"''", "''"},
                        new String[] {"'x'", "'" + "x".repeat(k) + "'"})));
        t.add(k -> {
            char letter = LETTERS.charAt(random.nextInt(LETTERS.length()));
            List<String[]> cases = new ArrayList<>();
            for (String word : List.of(WORDS.get(k % WORDS.size()), WORDS.get((k + 3) % WORDS.size()), "")) {
                cases.add(new String[] {"'" + word + "'", Long.toString(word.chars().filter(c -> c == letter).count())});
            }
            return new Function("count_" + letter, "(text: str) -> int", "Return how many times the letter '" + letter
                    + "' appears in text.", "text.count('" + letter + "')", cases);
        });
        t.add(k -> new Function("largest", "(items: list) -> int", "Return the largest number of a non-empty list.",
                "max(items)", List.of(new String[] {"[3, 9, 2]", "9"}, new String[] {"[-5, -2]", "-2"}, new String[] {"[" + k + "]",
                        Integer.toString(k)})));
        t.add(k -> new Function("total", "(items: list) -> int", "Return the sum of the numbers in the list.", "sum(items)",
                List.of(new String[] {"[1, 2, 3]", "6"}, new String[] {"[]", "0"}, new String[] {"[" + k + ", -1]",
                        Integer.toString(k - 1)})));
        t.add(k -> new Function("reverse_text", "(text: str) -> str", "Return the text backwards.", "text[::-1]",
                List.of(new String[] {"'abc'", "'cba'"}, new String[] {"''", "''"}, new String[] {"'" + WORDS.get(k % WORDS.size())
                        + "'", "'" + new StringBuilder(WORDS.get(k % WORDS.size())).reverse() + "'"})));
        t.add(k -> new Function("count_words", "(text: str) -> int", "Return how many words the text has.", "len(text.split())",
                List.of(new String[] {"'the red bird'", "3"}, new String[] {"''", "0"}, new String[] {"'a  b'", "2"})));
        t.add(k -> new Function("last_item", "(items: list)", "Return the last item of a non-empty list.", "items[-1]",
                List.of(new String[] {"[1, 2, 3]", "3"}, new String[] {"['x']", "'x'"}, new String[] {list(k), Integer.toString(k - 1)})));
        return t;
    }

    /** Calls {@code f} on each argument; the first is the docstring's example. */
    private static List<String[]> cases(java.util.function.IntUnaryOperator f, int... arguments) {
        List<String[]> cases = new ArrayList<>();
        for (int x : arguments) {
            cases.add(new String[] {Integer.toString(x), Integer.toString(f.applyAsInt(x))});
        }
        return cases;
    }

    private static String[] row(int argument, boolean result) {
        return new String[] {Integer.toString(argument), result ? "True" : "False"};
    }

    /** {@code [0, 1, ..., n - 1]} as Python writes it. */
    private static String list(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
