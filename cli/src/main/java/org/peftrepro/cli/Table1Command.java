package org.peftrepro.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.datasets.Scale;
import org.peftrepro.reproduce.engine.CpuThreads;
import org.peftrepro.reproduce.engine.Protocol;
import org.peftrepro.reproduce.table.Table1;
import org.peftrepro.reproduce.table.TableOptions;
import org.peftrepro.reproduce.table.TableRunner;
import org.peftrepro.reproduce.engine.BackboneDtype;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;
import org.peftrepro.reproduce.engine.StopSignal;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Table I of the LoR2C paper: GLUE dev results of every method on RoBERTa-base. */
@Command(name = "table1", mixinStandardHelpOptions = true,
        description = {"Reproduce Table I of the LoR2C paper: GLUE dev results of every method, with trainable parameters.",
            "smoke (default): offline, synthetic GLUE-shaped tasks and a tiny pretrained model the suite builds itself;",
            "quick: the real model and data, subsampled, 3 epochs; paper: the full protocol of the official code.",
            "Runs already recorded in --out are skipped: a killed run started again loses nothing."})
public final class Table1Command implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "smoke", paramLabel = "smoke|quick|paper", description = "Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--model", paramLabel = "HUB_ID|DIR", description = "Checkpoint (default: FacebookAI/roberta-base; smoke: the suite's tiny model).")
    String model;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "A GLUE folder in the Hub parquet or the original TSV layout (default: nyu-mll/glue from the Hub; smoke: the smoke tasks).")
    Path dataDir;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Default: all eight (mnli,sst2,mrpc,cola,qnli,qqp,rte,stsb).")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--methods", split = ",", paramLabel = "NAME", description = "Default: the methods with a row in the tables (the paper's, and yours if it declares one); "
                    + "'all': every registered method.")
    List<String> methods = new ArrayList<>();

    @Option(names = "--seeds", split = ",", paramLabel = "N|LIST", description = "A count up to 10 (3: the protocol's seed and the two after it) or a comma-separated list. Default: the protocol's seed.")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--fidelity", defaultValue = "paper", paramLabel = "paper|official-code", description = "Default: ${DEFAULT-VALUE}.")
    String fidelity;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class, paramLabel = "cpu|gpu|gpu:N", description = "Default: ${DEFAULT-VALUE}.")
    Device device;

    @Option(names = "--backbone-dtype", defaultValue = "float32", paramLabel = "float32|float16",
            description = "float16 keeps the frozen weight matrices in half precision (mixed precision, for GPUs); default: ${DEFAULT-VALUE}.")
    String backboneDtype;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "libtorch's CPU threads (default: one per core). CPU numbers repeat exactly at the same count: "
                    + "set it to a record's config.cpuThreads to repeat a run made on another machine.")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Run records (runs/*.json) and reports (default: results/table1-<scale>).")
    Path out;

    @Option(names = "--set", paramLabel = "[METHOD.]KEY=VALUE", description = "A method option; without METHOD. it applies to every method that has KEY. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--epochs", description = "Override the protocol's epochs.")
    Integer epochs;

    @Option(names = "--lr", description = "Override the protocol's learning rate.")
    Double lr;

    @Option(names = "--batch-size", description = "Override the protocol's batch size.")
    Integer batchSize;

    @Option(names = "--max-length", description = "Override the protocol's length cap.")
    Integer maxLength;

    @Option(names = "--max-train-examples", description = "Train on a seeded subsample of this size.")
    Integer maxTrainExamples;

    @Option(names = "--no-retry-failed", description = "Keep the records of runs that failed instead of running them again.")
    boolean noRetryFailed;

    @Override
    public Integer call() throws Exception {
        MethodRegistry registry = MethodRegistry.load();
        Scale s = parseScale(scale);
        Fidelity f = switch (fidelity.toLowerCase(Locale.ROOT)) {
            case "paper" -> Fidelity.PAPER;
            case "official-code" -> Fidelity.OFFICIAL_CODE;
            default -> throw new IllegalArgumentException("--fidelity must be paper or official-code, got " + fidelity);
        };
        List<GlueTask> taskList = tasks.isEmpty()
                ? List.of(GlueTask.MNLI, GlueTask.SST2, GlueTask.MRPC, GlueTask.COLA, GlueTask.QNLI, GlueTask.QQP, GlueTask.RTE, GlueTask.STSB)
                : tasks.stream().map(GlueTask::parse).toList();
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be 0 (one per core) or more, got " + threads);
        }
        TableOptions.Builder builder = TableOptions.builder(s, taskList, MethodList.of(methods, registry, registry.placedNames()))
                .model(model).dataFolder(dataDir).seeds(seedList(s)).fidelity(f).device(device).out(out)
                .overrides(new HyperparameterOverrides(epochs, batchSize, maxLength, lr, maxTrainExamples))
                .dtype(BackboneDtype.parse(backboneDtype)).retryFailed(!noRetryFailed);
        methodOverrides().forEach(builder::set);
        TableOptions options = builder.build();
        PrintWriter console = spec.commandLine().getOut();
        ConsoleLogging.quietLibtorch();
        int previousThreads = threads > 0 ? CpuThreads.set(threads) : 0;
        try (GracefulStop stop = GracefulStop.install(spec.commandLine().getErr())) {
            TableRunner.Outcome outcome = new Table1(registry, stop.signal()).run(options, new ConsoleProgress(console));
            console.println("reports in " + options.out().toAbsolutePath() + " (table1.md, table1.csv, table1.html)");
            if (!outcome.allSucceeded()) {
                spec.commandLine().getErr().println("error: " + outcome.failureSummary());
                return ExitCodes.RUNS_FAILED;
            }
            return ExitCodes.OK;
        } catch (StopSignal.StopRequestedException e) {
            spec.commandLine().getErr().println("stopped: " + e.getMessage()
                    + (e.getMessage().contains("run the same command again") ? ""
                            : "; nothing half-made is kept, run the same command again to go on"));
            return ExitCodes.INTERRUPTED;
        } finally {
            if (previousThreads > 0) {
                CpuThreads.set(previousThreads); // a caller in the same process keeps its own setting
            }
        }
    }

    private List<Long> seedList(Scale scale) {
        if (seeds.size() == 1 && seeds.get(0) > 0 && seeds.get(0) <= 10) {
            long first = Protocol.load(Table1.NAME).seed(scale);
            List<Long> list = new ArrayList<>(); // a count: the protocol's seed and the ones after it
            for (long i = 0; i < seeds.get(0); i++) {
                list.add(first + i);
            }
            return list;
        }
        return seeds;
    }

    private Map<String, Map<String, String>> methodOverrides() {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        MethodOptions.parseAssignments(sets).forEach((key, value) -> {
            int dot = key.indexOf('.');
            String method = dot > 0 ? key.substring(0, dot) : "*";
            result.computeIfAbsent(method, m -> new LinkedHashMap<>()).put(dot > 0 ? key.substring(dot + 1) : key, value);
        });
        return result;
    }

    static Scale parseScale(String value) {
        return Arrays.stream(Scale.values()).filter(v -> v.wireName().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--scale must be smoke, quick or paper, got " + value));
    }
}
