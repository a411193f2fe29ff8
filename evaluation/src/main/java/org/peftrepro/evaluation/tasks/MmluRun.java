package org.peftrepro.evaluation.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.bench.MmluQuestion;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.metrics.PrefixMatch;

/**
 * MMLU, 5-shot from each subject's dev rows.
 * <ul>
 *   <li>InstructEval: the header "The following are multiple choice questions (with answers) about  {subject}.\n\n"
 *       (underscores to spaces, each word after a space: two spaces after "about"), the shots as
 *       "{question}\nA. {a}\nB. {b}\nC. {c}\nD. {d}\nAnswer: {X}\n\n", the question the same up to "Answer:"; shots
 *       dropped from the end while the prompt is over 2048 tokens; 2 new tokens, greedy; right when the stripped text
 *       starts with the gold letter. Score: the mean over all questions.
 *   <li>lm-evaluation-harness: the description "... about {subject}.\n\n" (one space), the shots as
 *       "{question stripped}\nA. ...\nD. ...\nAnswer: {X}" joined by blank lines, then the question up to "Answer:";
 *       the continuations " A" to " D" scored by log-likelihood; right when the gold one scores highest. Score: acc,
 *       the subjects weighted by size (the mean over all questions).
 * </ul>
 */
public final class MmluRun extends ProtocolRun {
    static final int SHOTS = 5;
    private static final int INSTRUCT_EVAL_NEW_TOKENS = 2;

    private final Map<String, List<MmluQuestion>> dev;
    private final Map<String, List<MmluQuestion>> test;
    private final int limit;

    /** @param limit the most test questions per subject (lm-eval's --limit), or 0 for all */
    public MmluRun(Protocol protocol, Map<String, List<MmluQuestion>> dev, Map<String, List<MmluQuestion>> test,
            PromptBudget budget, int limit) {
        super(protocol, budget, 0);
        this.dev = dev;
        this.test = test;
        this.limit = limit;
    }

    @Override
    public Benchmark benchmark() {
        return Benchmark.MMLU;
    }

    @Override
    public String primaryMetric() {
        return "acc";
    }

    @Override
    public List<Question> questions() {
        List<Question> questions = new ArrayList<>();
        test.forEach((subject, rows) -> {
            List<MmluQuestion> shots = dev.getOrDefault(subject, List.of());
            for (int i = 0; i < rows.size() && (limit == 0 || i < limit); i++) {
                String id = subject + "/" + i;
                questions.add(new Question(id, subject, protocol == Protocol.INSTRUCT_EVAL
                        ? instructEval(subject, shots, rows.get(i)) : lmEval(subject, shots, rows.get(i))));
            }
        });
        return questions;
    }

    private Question.Ask instructEval(String subject, List<MmluQuestion> shots, MmluQuestion question) {
        int maxNew = maxNewTokens(INSTRUCT_EVAL_NEW_TOKENS);
        int limitTokens = Math.min(PromptBudget.INSTRUCT_EVAL_MAX_PROMPT, budget.promptRoom(maxNew));
        String end = instructEvalExample(question, false);
        int k = Math.min(SHOTS, shots.size());
        String prompt = instructEvalPrompt(subject, shots, k) + end;
        while (k > 0 && !budget.fits(prompt, limitTokens)) {
            k--;
            prompt = instructEvalPrompt(subject, shots, k) + end;
        }
        return new Question.Generate(budget.fit(prompt, maxNew), GenerationSettings.greedy(maxNew, List.of()));
    }

    static String instructEvalPrompt(String subject, List<MmluQuestion> shots, int k) {
        // InstructEval's format_subject: " " before every word, so "about  abstract algebra" has two spaces.
        StringBuilder words = new StringBuilder();
        for (String word : subject.split("_")) {
            words.append(' ').append(word);
        }
        StringBuilder prompt = new StringBuilder("The following are multiple choice questions (with answers) about ")
                .append(words).append(".\n\n");
        for (int i = 0; i < k; i++) {
            prompt.append(instructEvalExample(shots.get(i), true));
        }
        return prompt.toString();
    }

    static String instructEvalExample(MmluQuestion q, boolean withAnswer) {
        StringBuilder text = new StringBuilder(q.question());
        for (int j = 0; j < q.choices().size(); j++) {
            text.append('\n').append(MmluQuestion.LETTERS.get(j)).append(". ").append(q.choices().get(j));
        }
        text.append("\nAnswer:");
        if (withAnswer) {
            text.append(' ').append(q.answerLetter()).append("\n\n");
        }
        return text.toString();
    }

    private Question.Ask lmEval(String subject, List<MmluQuestion> shots, MmluQuestion question) {
        String context = lmEvalContext(subject, shots.subList(0, Math.min(SHOTS, shots.size())), question);
        CausalTokenizer tokenizer = budget.tokenizer();
        List<CausalTokenizer.ContextContinuation> options = new ArrayList<>();
        for (String letter : MmluQuestion.LETTERS) {
            options.add(tokenizer.encodePair(context, " " + letter));
        }
        return new Question.Choose(options);
    }

    static String lmEvalContext(String subject, List<MmluQuestion> shots, MmluQuestion question) {
        StringBuilder context = new StringBuilder("The following are multiple choice questions (with answers) about ")
                .append(subject.replace('_', ' ')).append(".\n\n");
        for (MmluQuestion shot : shots) {
            context.append(lmEvalText(shot)).append(' ').append(shot.answerLetter()).append("\n\n");
        }
        return context.append(lmEvalText(question)).toString();
    }

    private static String lmEvalText(MmluQuestion q) {
        StringBuilder text = new StringBuilder(q.question().strip());
        for (int j = 0; j < q.choices().size(); j++) {
            text.append('\n').append(MmluQuestion.LETTERS.get(j)).append(". ").append(q.choices().get(j));
        }
        return text.append("\nAnswer:").toString();
    }

    @Override
    public List<ItemResult> score(List<Question> questions, List<Answer> answers) {
        List<ItemResult> results = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            MmluQuestion row = row(q);
            if (answers.get(i) instanceof Answer.Generated g) {
                boolean right = PrefixMatch.correct(g.generation().text(), row.answerLetter());
                results.add(new ItemResult(q.id(), q.group(), Map.of("acc", right ? 1.0 : 0.0), g.generation().text(), ""));
            } else {
                int best = ((Answer.Ranked) answers.get(i)).best();
                results.add(new ItemResult(q.id(), q.group(), Map.of("acc", best == row.answer() ? 1.0 : 0.0),
                        MmluQuestion.LETTERS.get(best), ""));
            }
        }
        return results;
    }

    private MmluQuestion row(Question q) {
        int index = Integer.parseInt(q.id().substring(q.id().lastIndexOf('/') + 1));
        return test.get(q.group()).get(index);
    }

    @Override
    public Scores aggregate(List<ItemResult> results) {
        return Scores.of(results, false);
    }

    @Override
    public List<String> notes() {
        return protocol == Protocol.INSTRUCT_EVAL
                ? List.of("MMLU: 5-shot from dev, generation of 2 tokens (greedy), right when the stripped text starts with "
                        + "the letter; the mean over all questions.")
                : List.of("MMLU: 5-shot from dev, the letters A-D scored by log-likelihood; acc with subjects weighted by size.");
    }
}
