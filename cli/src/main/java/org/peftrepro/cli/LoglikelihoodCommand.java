package org.peftrepro.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.peftrepro.evaluation.lm.CausalLm;
import org.peftrepro.evaluation.lm.LogLikelihood;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** lm-evaluation-harness's {@code loglikelihood} request: how likely a continuation is after a context. */
@Command(name = "loglikelihood", mixinStandardHelpOptions = true,
        description = {"Score continuations given contexts with a causal LM: the summed log-probability of the",
            "continuation's tokens and whether greedy decoding would produce them. Tokenized as lm-evaluation-harness",
            "does: BOS before the context, context and continuation encoded together and split at the context's length.",
            "Input lines: {\"id\", \"context\", \"continuation\"}. Output lines add \"logprob\" and \"greedy\"."})
public final class LoglikelihoodCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Mixin
    CausalLmOptions lm;

    @Spec
    CommandSpec spec;

    @Option(names = "--requests", required = true, paramLabel = "IN.jsonl",
            description = "One {\"id\", \"context\", \"continuation\"} per line.")
    Path requests;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl", description = "Written when all are done.")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<ObjectNode> rows = JsonLines.read(requests, List.of("context", "continuation"));
        ConsoleEvaluationProgress progress = new ConsoleEvaluationProgress(spec.commandLine().getOut());
        try (CausalLm model = lm.load()) {
            progress.message("scoring " + rows.size() + " continuations with " + model.description());
            progress.benchmarkStarted("loglikelihood", rows.size(), 0);
            List<String[]> pairs = rows.stream()
                    .map(r -> new String[] {r.get("context").asText(), r.get("continuation").asText()}).toList();
            List<LogLikelihood> scores = model.loglikelihood(pairs, lm.batchSize, progress::itemsDone);
            List<ObjectNode> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode line = rows.get(i).deepCopy();
                line.put("logprob", scores.get(i).logprob());
                line.put("greedy", scores.get(i).greedy());
                out.add(line);
            }
            JsonLines.write(output, out);
            progress.finished("wrote " + out.size() + " log-likelihoods to " + output);
        }
        return 0;
    }
}
