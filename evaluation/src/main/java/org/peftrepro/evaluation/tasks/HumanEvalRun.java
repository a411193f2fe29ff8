package org.peftrepro.evaluation.tasks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.bench.HumanEvalProblem;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.Sampling;
import org.peftrepro.evaluation.metrics.PassAtK;
import org.peftrepro.evaluation.sandbox.CodeSandbox;
import org.peftrepro.evaluation.sandbox.ExecutionResult;

/**
 * HumanEval, 0-shot, one sample per problem, pass@1 by the unbiased estimator; each program (prompt, completion,
 * tests, {@code check(entry_point)}) runs in the {@link CodeSandbox}.
 * <ul>
 *   <li>InstructEval: the prompt after "Please complete the following Python code without providing any additional
 *       tasks such as testing or explanations\n"; up to 512 new tokens sampled at temperature 0.1 (HF's default top-k
 *       50, the suite's seeded draw); the completion's indents made even, then cut at its first blank line.
 *   <li>lm-evaluation-harness: the prompt alone; greedy, up to 1024 new tokens, until "\nclass", "\ndef", "\n#",
 *       "\nif" or "\nprint".
 * </ul>
 */
public final class HumanEvalRun extends ProtocolRun {
    static final String INSTRUCTION = "Please complete the following Python code without providing any additional tasks such "
            + "as testing or explanations\n";
    static final List<String> LM_EVAL_STOPS = List.of("\nclass", "\ndef", "\n#", "\nif", "\nprint");
    private static final int INSTRUCT_EVAL_NEW_TOKENS = 512;
    private static final int LM_EVAL_NEW_TOKENS = 1024;
    private static final String GROUP = "humaneval";
    private static final String METRIC = "pass@1";

    private final List<HumanEvalProblem> problems;
    private final CodeSandbox sandbox;
    private final int threads;
    private final long seed;

    /**
     * @param limit the most problems, or 0 for all
     * @param threads programs run at once
     * @param seed InstructEval's sampling seed
     * @param newTokensCap a cap on the new tokens below the protocol's, or 0 for none
     */
    public HumanEvalRun(Protocol protocol, List<HumanEvalProblem> problems, PromptBudget budget, CodeSandbox sandbox, int limit,
            int threads, long seed, int newTokensCap) {
        super(protocol, budget, newTokensCap);
        this.problems = limit > 0 ? problems.subList(0, Math.min(limit, problems.size())) : problems;
        this.sandbox = sandbox;
        this.threads = threads;
        this.seed = seed;
    }

    @Override
    public Benchmark benchmark() {
        return Benchmark.HUMANEVAL;
    }

    @Override
    public String primaryMetric() {
        return METRIC;
    }

    @Override
    public List<Question> questions() {
        List<Question> questions = new ArrayList<>();
        for (HumanEvalProblem problem : problems) {
            GenerationSettings settings;
            String prompt;
            if (protocol == Protocol.INSTRUCT_EVAL) {
                settings = GenerationSettings.greedy(maxNewTokens(INSTRUCT_EVAL_NEW_TOKENS), List.of())
                        .withSampling(new Sampling.Sampled(0.1, 1.0, 50, seed));
                prompt = INSTRUCTION + problem.prompt();
            } else {
                settings = GenerationSettings.greedy(maxNewTokens(LM_EVAL_NEW_TOKENS), LM_EVAL_STOPS);
                prompt = problem.prompt();
            }
            questions.add(new Question(problem.taskId(), GROUP,
                    new Question.Generate(budget.fit(prompt, settings.maxNewTokens()), settings)));
        }
        return questions;
    }

    @Override
    public List<ItemResult> score(List<Question> questions, List<Answer> answers) throws IOException {
        List<String> completions = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String text = ((Answer.Generated) answers.get(i)).generation().text();
            String completion = protocol == Protocol.INSTRUCT_EVAL ? CodeCompletion.instructEval(text) : text;
            completions.add(completion);
            programs.add(CodeCompletion.program(problem(questions.get(i).id()), completion));
        }
        List<ExecutionResult> executions = sandbox.runAll(programs, threads);
        List<ItemResult> results = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            ExecutionResult run = executions.get(i);
            double passAt1 = PassAtK.estimate(1, run.passed() ? 1 : 0, 1);
            results.add(new ItemResult(questions.get(i).id(), GROUP, Map.of(METRIC, passAt1), completions.get(i),
                    run.outcome().wireName() + (run.detail().isEmpty() ? "" : ": " + run.detail())));
        }
        return results;
    }

    private HumanEvalProblem problem(String taskId) {
        return problems.stream().filter(p -> p.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    @Override
    public Scores aggregate(List<ItemResult> results) {
        return Scores.of(results, false);
    }

    @Override
    public List<String> notes() {
        String cap = capNote();
        String limits = "programs run in the sandbox with a " + sandbox.limits().time().toMillis() / 1000.0 + " s limit";
        return protocol == Protocol.INSTRUCT_EVAL
                ? List.of("HumanEval: InstructEval's instruction before the prompt, one sample at temperature 0.1 (top-k 50, seed "
                        + seed + ") of up to 512 new tokens" + cap + ", indents made even and cut at the first blank line; "
                        + limits + "; pass@1.")
                : List.of("HumanEval: the prompt alone, greedy up to 1024 new tokens" + cap + " until \\nclass, \\ndef, \\n#, "
                        + "\\nif or \\nprint; " + limits + "; pass@1.");
    }
}
