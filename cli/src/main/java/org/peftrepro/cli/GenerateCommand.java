package org.peftrepro.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.peftrepro.evaluation.lm.CausalLm;
import org.peftrepro.evaluation.lm.Generation;
import org.peftrepro.evaluation.lm.GenerationSettings;
import org.peftrepro.evaluation.lm.Sampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Continues prompts with a causal LM, as HF's {@code generate} does, through the KV cache. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Continue prompts with a causal LM (greedy by default, or sampled with a seed), batched with left",
            "padding, each prompt stopping at the end-of-sequence token, a stop string or the token limit.",
            "Input lines: {\"id\": ..., \"prompt\": \"...\"} (BOS is put before each prompt). Output lines: the same id with",
            "\"completion\" (the text, cut before a stop string), \"tokens\" (the generated ids) and \"stop\" (eos,",
            "stop_string or length)."})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Mixin
    CausalLmOptions lm;

    @Spec
    CommandSpec spec;

    @Option(names = "--prompts", required = true, paramLabel = "IN.jsonl", description = "One {\"id\", \"prompt\"} per line.")
    Path prompts;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl", description = "Written when all are done.")
    Path output;

    @Option(names = "--max-new-tokens", defaultValue = "128", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--stop", paramLabel = "S",
            description = "A stop string (repeat the option for more); \\n and \\t in it stand for a line feed and a tab.")
    List<String> stop = new ArrayList<>();

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
            description = "0 (default): greedy; above 0: sample from the softmax at this temperature.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", paramLabel = "P", description = "Nucleus sampling (default: ${DEFAULT-VALUE}, off).")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "Top-k sampling (default: ${DEFAULT-VALUE}, off).")
    int topK;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-cache", description = "Recompute the whole sequence at every step (slow; for comparisons).")
    boolean noCache;

    @Override
    public Integer call() throws Exception {
        Sampling sampling = temperature > 0 ? new Sampling.Sampled(temperature, topP, topK, seed) : Sampling.greedy();
        GenerationSettings settings = new GenerationSettings(maxNewTokens, stop.stream().map(GenerateCommand::unescape).toList(),
                sampling, !noCache);
        List<ObjectNode> rows = JsonLines.read(prompts, List.of("prompt"));
        ConsoleEvaluationProgress progress = new ConsoleEvaluationProgress(spec.commandLine().getOut());
        try (CausalLm model = lm.load()) {
            progress.message("generating for " + rows.size() + " prompts with " + model.description());
            progress.benchmarkStarted("generate", rows.size(), 0);
            List<Generation> generations = model.generate(rows.stream().map(r -> r.get("prompt").asText()).toList(), settings,
                    lm.batchSize, progress::itemsDone);
            List<ObjectNode> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Generation g = generations.get(i);
                ObjectNode line = JsonLines.JSON.createObjectNode();
                line.set("id", rows.get(i).get("id"));
                line.put("completion", g.text());
                var tokens = line.putArray("tokens");
                for (int id : g.tokens()) {
                    tokens.add(id);
                }
                line.put("stop", g.stop().wireName());
                out.add(line);
            }
            JsonLines.write(output, out);
            progress.finished("wrote " + out.size() + " completions to " + output);
        }
        return 0;
    }

    /** A shell passes a line feed with difficulty: {@code \n}, {@code \t} and {@code \\} are read as escapes. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == 'n' || next == 't' || next == '\\') {
                    out.append(next == 'n' ? '\n' : next == 't' ? '\t' : '\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
