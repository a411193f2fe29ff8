package org.peftrepro.evaluation.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.bench.BbhExample;
import org.peftrepro.datasets.bench.BbhTask;
import org.peftrepro.datasets.bench.CotPrompt;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.metrics.BbhAnswer;
import org.peftrepro.evaluation.metrics.PrefixMatch;

/**
 * BIG-Bench Hard, every task of the data.
 * <ul>
 *   <li>InstructEval: a task's first 3 rows are its shots and leave its test set; shots as
 *       "{input}\nAnswer: {target}\n\n", then "{input}\nAnswer:", no chain of thought; shots dropped from the end
 *       while the prompt is over 2048 tokens; up to 32 new tokens, greedy; right when the stripped text starts with the
 *       target. Score: the unweighted mean of the tasks' accuracies.
 *   <li>lm-evaluation-harness ({@code bbh_cot_fewshot}): the task's chain-of-thought prompt (description and three
 *       worked examples from the BBH repository's {@code cot-prompts}), then "Q: {input}\nA: Let's think step by
 *       step."; greedy until "&lt;/s&gt;", "Q" or a blank line, up to 1024 tokens; the answer is the first match of
 *       {@code (?<=the answer is )(.*)(?=.)}, right when it equals the target. Score: exact match, tasks weighted by
 *       size (the mean over all rows).
 * </ul>
 */
public final class BbhRun extends ProtocolRun {
    static final int INSTRUCT_EVAL_SHOTS = 3;
    private static final int INSTRUCT_EVAL_NEW_TOKENS = 32;
    private static final int LM_EVAL_NEW_TOKENS = 1024;
    static final List<String> LM_EVAL_STOPS = List.of("</s>", "Q", "\n\n");

    private final List<BbhTask> tasks;
    private final int limit;

    /**
     * @param limit the most test rows per task, or 0 for all
     * @param newTokensCap a cap on the new tokens below the protocol's (smoke scale), or 0 for none
     */
    public BbhRun(Protocol protocol, List<BbhTask> tasks, PromptBudget budget, int limit, int newTokensCap) {
        super(protocol, budget, newTokensCap);
        if (protocol == Protocol.LM_EVAL) {
            List<String> missing = tasks.stream().filter(t -> t.chainOfThought().isEmpty()).map(BbhTask::name).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("BBH in the lm-eval protocol is 3-shot chain of thought: it needs the "
                        + "BIG-Bench-Hard repository's cot-prompts/<task>.txt beside the task folders, missing for " + missing);
            }
        }
        this.tasks = List.copyOf(tasks);
        this.limit = limit;
    }

    @Override
    public Benchmark benchmark() {
        return Benchmark.BBH;
    }

    @Override
    public String primaryMetric() {
        return protocol == Protocol.INSTRUCT_EVAL ? "acc" : "exact_match";
    }

    @Override
    public List<Question> questions() {
        List<Question> questions = new ArrayList<>();
        for (BbhTask task : tasks) {
            List<BbhExample> rows = testRows(task);
            for (int i = 0; i < rows.size() && (limit == 0 || i < limit); i++) {
                questions.add(new Question(task.name() + "/" + i, task.name(), protocol == Protocol.INSTRUCT_EVAL
                        ? instructEval(task, rows.get(i)) : lmEval(task.chainOfThought().orElseThrow(), rows.get(i))));
            }
        }
        return questions;
    }

    /** InstructEval's test rows leave out the task's shots. */
    private List<BbhExample> testRows(BbhTask task) {
        List<BbhExample> rows = task.examples();
        return protocol == Protocol.INSTRUCT_EVAL ? rows.subList(Math.min(INSTRUCT_EVAL_SHOTS, rows.size()), rows.size()) : rows;
    }

    private Question.Ask instructEval(BbhTask task, BbhExample example) {
        int maxNew = maxNewTokens(INSTRUCT_EVAL_NEW_TOKENS);
        int limitTokens = Math.min(PromptBudget.INSTRUCT_EVAL_MAX_PROMPT, budget.promptRoom(maxNew));
        List<BbhExample> shots = task.examples().subList(0, Math.min(INSTRUCT_EVAL_SHOTS, task.examples().size()));
        int k = shots.size();
        String prompt = instructEvalPrompt(shots.subList(0, k), example);
        while (k > 0 && !budget.fits(prompt, limitTokens)) {
            k--;
            prompt = instructEvalPrompt(shots.subList(0, k), example);
        }
        return new Question.Generate(budget.fit(prompt, maxNew), GenerationSettings.greedy(maxNew, List.of()));
    }

    static String instructEvalPrompt(List<BbhExample> shots, BbhExample example) {
        StringBuilder prompt = new StringBuilder();
        for (BbhExample shot : shots) {
            prompt.append(shot.input()).append("\nAnswer: ").append(shot.target()).append("\n\n");
        }
        return prompt.append(example.input()).append("\nAnswer:").toString();
    }

    private Question.Ask lmEval(CotPrompt cot, BbhExample example) {
        int maxNew = maxNewTokens(LM_EVAL_NEW_TOKENS);
        return new Question.Generate(budget.fit(lmEvalPrompt(cot, example), maxNew), GenerationSettings.greedy(maxNew, LM_EVAL_STOPS));
    }

    static String lmEvalPrompt(CotPrompt cot, BbhExample example) {
        return cot.description() + "\n\n" + String.join("\n\n", cot.exemplars()) + "\n\nQ: " + example.input()
                + "\nA: Let's think step by step.";
    }

    @Override
    public List<ItemResult> score(List<Question> questions, List<Answer> answers) {
        List<ItemResult> results = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String target = row(q).target();
            String text = ((Answer.Generated) answers.get(i)).generation().text();
            if (protocol == Protocol.INSTRUCT_EVAL) {
                results.add(new ItemResult(q.id(), q.group(), Map.of("acc", PrefixMatch.correct(text, target) ? 1.0 : 0.0), text, ""));
            } else {
                String extracted = BbhAnswer.extract(text);
                results.add(new ItemResult(q.id(), q.group(), Map.of("exact_match", extracted.equals(target) ? 1.0 : 0.0), text,
                        "answer: " + extracted));
            }
        }
        return results;
    }

    private BbhExample row(Question q) {
        int index = Integer.parseInt(q.id().substring(q.id().lastIndexOf('/') + 1));
        BbhTask task = tasks.stream().filter(t -> t.name().equals(q.group())).findFirst().orElseThrow();
        return testRows(task).get(index);
    }

    @Override
    public Scores aggregate(List<ItemResult> results) {
        return Scores.of(results, protocol == Protocol.INSTRUCT_EVAL);
    }

    @Override
    public List<String> notes() {
        String cap = capNote();
        return protocol == Protocol.INSTRUCT_EVAL
                ? List.of("BBH: each task's first 3 rows as shots, no chain of thought, up to 32 new tokens" + cap
                        + ", prefix match; the unweighted mean over tasks.")
                : List.of("BBH: 3-shot chain of thought, greedy until </s>, Q or a blank line, up to 1024 new tokens" + cap
                        + ", the answer read by lm-eval's regex, exact match; tasks weighted by size.");
    }
}
