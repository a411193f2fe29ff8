package org.peftrepro.evaluation.run;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peftrepro.datasets.bench.BenchmarkFiles;
import org.peftrepro.evaluation.lm.CausalLm;
import org.peftrepro.evaluation.lm.CausalTokenizer;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.LogLikelihood;
import org.peftrepro.evaluation.sandbox.CodeSandbox;
import org.peftrepro.evaluation.tasks.Answer;
import org.peftrepro.evaluation.tasks.BbhRun;
import org.peftrepro.evaluation.tasks.Benchmark;
import org.peftrepro.evaluation.tasks.BenchmarkRun;
import org.peftrepro.evaluation.tasks.DropRun;
import org.peftrepro.evaluation.tasks.HumanEvalRun;
import org.peftrepro.evaluation.tasks.ItemResult;
import org.peftrepro.evaluation.tasks.MmluRun;
import org.peftrepro.evaluation.tasks.PromptBudget;
import org.peftrepro.evaluation.tasks.Question;
import org.peftrepro.evaluation.tasks.Scores;

/**
 * Runs the benchmarks of one evaluation: the model loaded once, each benchmark's questions asked in chunks, each
 * chunk's scored items written before the next, and each finished benchmark's record written. A benchmark already
 * recorded is skipped and a half-done one goes on after its last chunk, so an evaluation killed at any point and
 * started again with the same settings finishes with every item scored once.
 */
public final class Evaluation {
    private final EvaluationSettings settings;
    private final EvaluationListener listener;

    public Evaluation(EvaluationSettings settings, EvaluationListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** Every asked benchmark's record, in the order asked. */
    public List<BenchmarkRecord> run() throws IOException {
        BenchmarkData data = BenchmarkData.locate(settings, listener);
        EvaluationStore store = EvaluationStore.open(settings.out(), settings.identity(data.description()));
        Map<Benchmark, BenchmarkRecord> records = new LinkedHashMap<>();
        List<Benchmark> remaining = new ArrayList<>();
        for (Benchmark benchmark : settings.benchmarks()) {
            Optional<BenchmarkRecord> recorded = store.record(benchmark, settings.protocol());
            if (recorded.isPresent()) {
                listener.message(benchmark.displayName() + " (" + settings.protocol().wireName() + "): recorded, skipped");
                records.put(benchmark, recorded.get());
            } else {
                remaining.add(benchmark);
            }
        }
        if (!remaining.isEmpty()) {
            listener.message("loading " + settings.model() + (settings.adapter() == null ? "" : " with " + settings.adapter())
                    + " on " + settings.device());
            try (CausalLm lm = CausalLm.load(settings.modelFolder(), settings.adapter(), settings.device());
                    CodeSandbox sandbox = remaining.contains(Benchmark.HUMANEVAL)
                            ? CodeSandbox.create(settings.sandboxLimits(), settings.python()) : null) {
                PromptBudget budget = new PromptBudget(lm.tokenizer(), lm.maxLength());
                for (Benchmark benchmark : remaining) {
                    BenchmarkRun run = prepare(benchmark, data, budget, sandbox);
                    records.put(benchmark, evaluate(run, lm, store, data));
                }
            }
        }
        return settings.benchmarks().stream().map(records::get).toList();
    }

    private BenchmarkRun prepare(Benchmark benchmark, BenchmarkData data, PromptBudget budget, CodeSandbox sandbox)
            throws IOException {
        int limit = settings.effectiveLimit();
        int cap = settings.newTokensCap();
        return switch (benchmark) {
            case MMLU -> new MmluRun(settings.protocol(), BenchmarkFiles.mmlu(data.folders().mmlu(), "dev"),
                    BenchmarkFiles.mmlu(data.folders().mmlu(), "test"), budget, limit);
            case BBH -> new BbhRun(settings.protocol(), BenchmarkFiles.bbh(data.folders().bbh()), budget, limit, cap);
            case DROP -> new DropRun(settings.protocol(), BenchmarkFiles.drop(data.folders().drop(), "validation"),
                    BenchmarkFiles.drop(data.folders().drop(), "train"), budget, limit, cap);
            case HUMANEVAL -> new HumanEvalRun(settings.protocol(), BenchmarkFiles.humanEval(data.folders().humanEval()), budget,
                    sandbox, limit, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), settings.seed(), cap);
        };
    }

    private BenchmarkRecord evaluate(BenchmarkRun run, CausalLm lm, EvaluationStore store, BenchmarkData data)
            throws IOException {
        List<Question> questions = run.questions();
        Set<String> ids = new HashSet<>();
        questions.forEach(q -> ids.add(q.id()));
        EvaluationStore.Progress progress = store.progress(run.benchmark(), run.protocol());
        Map<String, ItemResult> done = new HashMap<>();
        progress.items().stream().filter(r -> ids.contains(r.id())).forEach(r -> done.put(r.id(), r));
        List<Question> todo = questions.stream().filter(q -> !done.containsKey(q.id())).toList();
        listener.benchmarkStarted(run.benchmark().displayName() + " (" + run.protocol().wireName() + ")", questions.size(),
                done.size());
        double seconds = progress.seconds();
        int chunkSize = Math.max(settings.batchSize(), 16);
        for (int start = 0; start < todo.size(); start += chunkSize) {
            List<Question> chunk = todo.subList(start, Math.min(todo.size(), start + chunkSize));
            long began = System.nanoTime();
            List<ItemResult> results = run.score(chunk, answer(chunk, lm));
            double took = (System.nanoTime() - began) / 1e9;
            store.writeChunk(run.benchmark(), run.protocol(), results, took);
            seconds += took;
            results.forEach(r -> done.put(r.id(), r));
        }
        List<ItemResult> all = questions.stream().map(q -> done.get(q.id())).toList();
        Scores scores = run.aggregate(all);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(run.primaryMetric(), scores.metrics().get(run.primaryMetric()));
        metrics.putAll(scores.metrics());
        BenchmarkRecord record = new BenchmarkRecord(run.benchmark().wireName(), run.protocol().wireName(),
                settings.scale().wireName(), data.synthetic(), lm.description(),
                settings.adapter() == null ? null : settings.adapter().toString(), data.description(), settings.effectiveLimit(),
                run.primaryMetric(), metrics, scores.groups(), all.size(), run.notes(), seconds,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        store.writeRecord(record);
        listener.benchmarkFinished(record);
        return record;
    }

    /** The model's answers to a chunk of questions, in order; progress reported batch by batch. */
    private List<Answer> answer(List<Question> chunk, CausalLm lm) {
        Answer[] answers = new Answer[chunk.size()];
        // Questions that generate with the same settings go together; each multiple-choice option is one request.
        Map<GenerationSettings, List<Integer>> generate = new LinkedHashMap<>();
        List<Integer> choose = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            if (chunk.get(i).ask() instanceof Question.Generate g) {
                generate.computeIfAbsent(g.settings(), s -> new ArrayList<>()).add(i);
            } else {
                choose.add(i);
            }
        }
        generate.forEach((genSettings, indices) -> {
            List<int[]> prompts = indices.stream().map(i -> ((Question.Generate) chunk.get(i).ask()).prompt()).toList();
            List<Generation> out = lm.generateIds(prompts, genSettings, settings.batchSize(), listener::itemsDone);
            for (int k = 0; k < indices.size(); k++) {
                answers[indices.get(k)] = new Answer.Generated(out.get(k));
            }
        });
        if (!choose.isEmpty()) {
            List<CausalTokenizer.ContextContinuation> requests = new ArrayList<>();
            for (int i : choose) {
                requests.addAll(((Question.Choose) chunk.get(i).ask()).options());
            }
            List<LogLikelihood> scored = lm.loglikelihoodIds(requests, settings.batchSize(), n -> {});
            int next = 0;
            for (int i : choose) {
                int options = ((Question.Choose) chunk.get(i).ask()).options().size();
                answers[i] = new Answer.Ranked(scored.subList(next, next + options));
                next += options;
            }
            listener.itemsDone(choose.size());
        }
        return List.of(answers);
    }
}
