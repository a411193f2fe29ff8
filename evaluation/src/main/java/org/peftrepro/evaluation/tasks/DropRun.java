package org.peftrepro.evaluation.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.peftrepro.datasets.bench.DropQuestion;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.metrics.DropMetric;
import org.peftrepro.evaluation.metrics.PrefixMatch;

/**
 * DROP, 3-shot, on the validation split.
 * <ul>
 *   <li>InstructEval: only questions whose answer spans say one thing; 3 shots drawn from them (the suite's seeded
 *       draw, {@link #INSTRUCT_EVAL_SHOT_SEED}, not Python's {@code random}), and test questions on a shot's passage
 *       left out; shots as "{passage} {question}\nAnswer: {answer}\n\n", then "{passage} {question}\nAnswer:"; up to 8
 *       new tokens, greedy; right when the stripped text starts with the answer.
 *   <li>lm-evaluation-harness: every question, input "{passage} {question}"; 3 shots drawn from the train split (the
 *       suite's seeded draw, {@link #LM_EVAL_SHOT_SEED}), each followed by " " and its answer's spans joined by ", ";
 *       greedy until "."; the official DROP exact match and F1 (numbers, articles, multi-span alignment), the best
 *       over the gold answers.
 * </ul>
 */
public final class DropRun extends ProtocolRun {
    static final long INSTRUCT_EVAL_SHOT_SEED = 0;
    static final long LM_EVAL_SHOT_SEED = 1234;
    static final int SHOTS = 3;
    private static final int INSTRUCT_EVAL_NEW_TOKENS = 8;
    /** lm-evaluation-harness's default {@code max_gen_toks}: the DROP task sets only the stop sequence. */
    private static final int LM_EVAL_NEW_TOKENS = 256;
    private static final String GROUP = "drop";

    private final List<DropQuestion> test;
    private final List<DropQuestion> shots;
    private final Map<String, DropQuestion> byId = new LinkedHashMap<>();

    /**
     * @param validation the questions asked
     * @param train where lm-eval's shots are drawn from (InstructEval draws from {@code validation})
     * @param limit the most questions asked, or 0 for all
     * @param newTokensCap a cap on the new tokens below the protocol's, or 0 for none
     */
    public DropRun(Protocol protocol, List<DropQuestion> validation, List<DropQuestion> train, PromptBudget budget, int limit,
            int newTokensCap) {
        super(protocol, budget, newTokensCap);
        List<DropQuestion> pool;
        if (protocol == Protocol.INSTRUCT_EVAL) {
            List<DropQuestion> single = validation.stream().filter(DropQuestion::hasOneAnswer).toList();
            shots = draw(single, INSTRUCT_EVAL_SHOT_SEED);
            Set<String> shotPassages = shots.stream().map(DropQuestion::passage).collect(Collectors.toSet());
            pool = single.stream().filter(q -> !shotPassages.contains(q.passage())).toList();
        } else {
            shots = draw(train, LM_EVAL_SHOT_SEED);
            pool = validation;
        }
        test = limit > 0 ? pool.subList(0, Math.min(limit, pool.size())) : pool;
        test.forEach(q -> byId.put(q.queryId(), q));
    }

    /** {@link #SHOTS} questions drawn without replacement by a seeded shuffle. */
    private static List<DropQuestion> draw(List<DropQuestion> from, long seed) {
        List<DropQuestion> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(SHOTS, shuffled.size())));
    }

    /** The few-shot examples every prompt starts with. */
    List<DropQuestion> shots() {
        return shots;
    }

    @Override
    public Benchmark benchmark() {
        return Benchmark.DROP;
    }

    @Override
    public String primaryMetric() {
        return protocol == Protocol.INSTRUCT_EVAL ? "acc" : "f1";
    }

    @Override
    public List<Question> questions() {
        List<Question> questions = new ArrayList<>();
        for (DropQuestion q : test) {
            String prompt;
            GenerationSettings settings;
            if (protocol == Protocol.INSTRUCT_EVAL) {
                int maxNew = maxNewTokens(INSTRUCT_EVAL_NEW_TOKENS);
                StringBuilder text = new StringBuilder();
                for (DropQuestion shot : shots) {
                    text.append(shot.passage()).append(' ').append(shot.question()).append("\nAnswer: ")
                            .append(shot.spans().get(0)).append("\n\n");
                }
                prompt = text.append(q.passage()).append(' ').append(q.question()).append("\nAnswer:").toString();
                settings = GenerationSettings.greedy(maxNew, List.of());
            } else {
                int maxNew = maxNewTokens(LM_EVAL_NEW_TOKENS);
                StringBuilder text = new StringBuilder();
                for (DropQuestion shot : shots) {
                    text.append(shot.passage()).append(' ').append(shot.question()).append(' ')
                            .append(String.join(", ", shot.spans())).append("\n\n");
                }
                prompt = text.append(q.passage()).append(' ').append(q.question()).toString();
                settings = GenerationSettings.greedy(maxNew, List.of("."));
            }
            questions.add(new Question(q.queryId(), GROUP, new Question.Generate(budget.fit(prompt, settings.maxNewTokens()),
                    settings)));
        }
        return questions;
    }

    @Override
    public List<ItemResult> score(List<Question> questions, List<Answer> answers) {
        List<ItemResult> results = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            DropQuestion row = byId.get(q.id());
            String text = ((Answer.Generated) answers.get(i)).generation().text();
            if (protocol == Protocol.INSTRUCT_EVAL) {
                boolean right = PrefixMatch.correct(text, row.spans().get(0));
                results.add(new ItemResult(q.id(), q.group(), Map.of("acc", right ? 1.0 : 0.0), text, ""));
            } else {
                DropMetric.Score s = DropMetric.score(List.of(text), List.of(row.spans()));
                results.add(new ItemResult(q.id(), q.group(), Map.of("em", s.exactMatch(), "f1", s.f1()), text, ""));
            }
        }
        return results;
    }

    @Override
    public Scores aggregate(List<ItemResult> results) {
        return Scores.of(results, false);
    }

    @Override
    public List<String> notes() {
        String cap = capNote();
        return protocol == Protocol.INSTRUCT_EVAL
                ? List.of("DROP: questions with one answer, 3 shots drawn from them by the suite's seeded shuffle (java.util.Random("
                        + INSTRUCT_EVAL_SHOT_SEED + "), not Python's random.seed(0)), their passages' questions left out; up to 8 "
                        + "new tokens" + cap + ", prefix match with the answer.")
                : List.of("DROP: every validation question, 3 shots from train by the suite's seeded shuffle (java.util.Random("
                        + LM_EVAL_SHOT_SEED + ")), each ending ' ' + its spans; greedy until '.'" + cap
                        + "; the official exact match and F1.");
    }
}
