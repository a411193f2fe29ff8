package org.peftrepro.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.peftrepro.evaluation.run.BenchmarkRecord;
import org.peftrepro.evaluation.run.EvalScale;
import org.peftrepro.evaluation.run.Evaluation;
import org.peftrepro.evaluation.run.EvaluationSettings;
import org.peftrepro.evaluation.run.EvaluationStore;
import org.peftrepro.evaluation.sandbox.SandboxLimits;
import org.peftrepro.evaluation.tasks.Benchmark;
import org.peftrepro.evaluation.tasks.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Table II's benchmarks on a causal LM: MMLU, BBH, DROP and HumanEval in the InstructEval or lm-eval protocol. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a causal LM (with or without a PEFT adapter) on MMLU, BBH, DROP and HumanEval, in the",
            "InstructEval or the lm-evaluation-harness protocol. Writes a JSON record per benchmark (a killed run started",
            "again goes on where it stopped) and a report (Markdown, CSV, HTML) into --out.",
            "HumanEval runs the generated Python: only with --allow-code-execution, in a sandbox (see the README)."})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Mixin
    CausalLmOptions lm;

    @Spec
    CommandSpec spec;

    @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
            description = "mmlu, bbh, drop, humaneval (default: all four; humaneval only with --allow-code-execution).")
    List<String> benchmarks;

    @Option(names = "--protocol", defaultValue = "instruct-eval", paramLabel = "instruct-eval|lm-eval",
            description = "Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--scale", defaultValue = "smoke", paramLabel = "smoke|quick|paper",
            description = "smoke: the suite's synthetic benchmarks, offline (default); quick: the real ones, the first "
                    + EvalScale.QUICK_LIMIT + " items of each subject or task; paper: in full.")
    String scale;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most N items of each subject or task.")
    int limit;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A folder with mmlu/, bbh/, drop/, humaneval/ in their Hub layouts (default: the smoke benchmarks "
                    + "at smoke scale, the Hub through its cache otherwise).")
    Path dataDir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/evaluate/<model>[-<adapter>]-<scale>).")
    Path out;

    @Option(names = "--allow-code-execution", description = "Run HumanEval's generated programs, each in the sandbox.")
    boolean allowCodeExecution;

    @Option(names = "--code-timeout", defaultValue = "3", paramLabel = "SECONDS",
            description = "Wall-clock limit of each program (default: ${DEFAULT-VALUE}).")
    double codeTimeout;

    @Option(names = "--code-memory", defaultValue = "1024", paramLabel = "MiB",
            description = "Address space of each program (default: ${DEFAULT-VALUE}).")
    long codeMemory;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python for the programs (default: Debian's python3).")
    Path python;

    @Option(names = "--seed", defaultValue = "17", paramLabel = "S",
            description = "Seed of the smoke benchmarks and of sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        EvalScale evalScale = EvalScale.parse(scale);
        List<Benchmark> chosen = chosenBenchmarks();
        Path modelFolder = lm.modelFolder();
        Path folder = out != null ? out : defaultOut(modelFolder, evalScale);
        SandboxLimits limits = SandboxLimits.DEFAULT.withTime(Duration.ofMillis(Math.round(codeTimeout * 1000)))
                .withMemoryBytes(codeMemory << 20);
        EvaluationSettings settings = new EvaluationSettings(lm.model, modelFolder, lm.adapter, chosen, Protocol.parse(protocol),
                evalScale, limit, dataDir, lm.device, folder, lm.batchSize, allowCodeExecution, limits, python, seed);
        ConsoleEvaluationProgress progress = new ConsoleEvaluationProgress(spec.commandLine().getOut());
        lm.applyThreads();
        new Evaluation(settings, progress).run();
        // The report covers every finished benchmark of the folder: both protocols when both were run into it.
        List<BenchmarkRecord> records = EvaluationStore.readAll(folder);
        EvaluationReport report = new EvaluationReport(records);
        Path markdown = report.write(folder);
        spec.commandLine().getOut().println(report.printable());
        spec.commandLine().getOut().println("records and report in " + folder + " (" + markdown.getFileName() + ", "
                + EvaluationReport.CSV + ", " + EvaluationReport.HTML + ")");
        return 0;
    }

    private List<Benchmark> chosenBenchmarks() {
        if (benchmarks != null) {
            return benchmarks.stream().map(Benchmark::parse).distinct().toList();
        }
        List<Benchmark> all = new ArrayList<>(List.of(Benchmark.values()));
        if (!allowCodeExecution) {
            all.remove(Benchmark.HUMANEVAL);
            spec.commandLine().getOut().println("HumanEval left out: it runs the generated Python; add --allow-code-execution "
                    + "to run it in the sandbox");
        }
        return all;
    }

    private Path defaultOut(Path modelFolder, EvalScale evalScale) {
        String name = modelFolder.getFileName().toString();
        if (lm.adapter != null) {
            name += "-" + lm.adapter.toAbsolutePath().normalize().getFileName();
        }
        return Path.of("results", "evaluate", name + "-" + evalScale.wireName());
    }
}
