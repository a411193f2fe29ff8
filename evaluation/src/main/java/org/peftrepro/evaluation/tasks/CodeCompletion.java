package org.peftrepro.evaluation.tasks;

import java.util.ArrayList;
import java.util.List;
import org.peftrepro.datasets.bench.HumanEvalProblem;

/** What becomes of a HumanEval completion before it runs. */
final class CodeCompletion {
    private CodeCompletion() {}

    /**
     * InstructEval's clean-up: every line's leading spaces made even (a space added in front while their count is
     * odd), then the text from its first non-newline character up to the first blank line.
     */
    static String instructEval(String completion) {
        List<String> lines = new ArrayList<>();
        for (String line : completion.split("\n", -1)) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            lines.add(indent % 2 == 0 ? line : " " + line);
        }
        String fixed = String.join("\n", lines);
        int start = 0;
        while (start < fixed.length() && fixed.charAt(start) == '\n') {
            start++;
        }
        String stripped = fixed.substring(start);
        int blank = stripped.indexOf("\n\n");
        return blank < 0 ? stripped : stripped.substring(0, blank);
    }

    /** The program that tests a completion: the prompt, the completion, the tests, and the call of {@code check}. */
    static String program(HumanEvalProblem problem, String completion) {
        return problem.prompt() + completion + "\n" + problem.test() + "\n" + "check(" + problem.entryPoint() + ")\n";
    }
}
