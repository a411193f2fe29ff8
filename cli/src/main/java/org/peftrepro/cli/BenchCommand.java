package org.peftrepro.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.peftrepro.benchmarks.BenchDevice;
import org.peftrepro.benchmarks.BenchPlan;
import org.peftrepro.benchmarks.BenchReport;
import org.peftrepro.benchmarks.BenchRunner;
import org.peftrepro.benchmarks.GenerationTable;
import org.peftrepro.benchmarks.InputShape;
import org.peftrepro.benchmarks.JmhResults;
import org.peftrepro.benchmarks.MethodTables;
import org.peftrepro.benchmarks.ModelShape;
import org.peftrepro.benchmarks.SfsTable;
import org.peftrepro.methods.spi.MethodRegistry;
import picocli.CommandLine.Command;
import tech.tablesaw.api.Table;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** JMH benchmarks of every method (training step, inference, memory) and of the SFS routes, tabulated. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark every method's training step and inference on random weights of the real shape,",
            "and the SFS routes (r x r core against the full d x d SVD), with JMH; write JMH's JSON result and",
            "a table of the methods side by side (Markdown, CSV, HTML), and greedy generation with and without the",
            "KV cache (bench-generation.md, .csv). Every benchmark runs in its own forked VM.",
            "--quick: few, short iterations (on a CPU, RoBERTa-base at 8 x 64 and the d = 4096 SVD on one module)."})
public final class BenchCommand implements Callable<Integer> {
    static final String RESULT_JSON = "jmh-result.json";

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Few, short iterations: the whole set in minutes instead of hours.")
    boolean quick;

    @Option(names = "--methods", split = ",", paramLabel = "NAME",
            description = "Default (or 'all'): every registered method, yours included.")
    List<String> methods = new ArrayList<>();

    @Option(names = "--shapes", split = ",", paramLabel = "SHAPE", description = "tiny, roberta-base (default: both).")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--inputs", split = ",", paramLabel = "BxT",
            description = "Batch x length of every shape, e.g. 32x128 (default: 32x128; a GPU adds 64x256; "
                    + "a quick CPU run takes RoBERTa-base at 8x64).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--sfs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the SFS benchmarks (default: ${DEFAULT-VALUE}; --no-sfs to skip them).")
    boolean sfs;

    @Option(names = "--generation", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Time greedy generation with and without the KV cache (default: ${DEFAULT-VALUE}; --no-generation "
                    + "to skip it).")
    boolean generation;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "libtorch threads per benchmark VM (default: one per core). On a machine busy with other work, "
                    + "fewer threads than cores avoid long stalls.")
    int threads;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class, paramLabel = "cpu|gpu|gpu:N",
            description = "Default: ${DEFAULT-VALUE}.")
    Device device;

    @Option(names = "--out", defaultValue = "results/bench", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        BenchPlan plan = plan();
        PrintWriter console = spec.commandLine().getOut();
        List<BenchPlan.Step> steps = new ArrayList<>(plan.steps(BenchRunner.forkJvmArgs()));
        if (generation) {
            steps.add(plan.generationStep(BenchRunner.forkJvmArgs()));
        }
        console.printf("%d benchmarks; JMH result and tables go to %s%n", steps.stream().mapToInt(BenchPlan.Step::benchmarks).sum(),
                out.toAbsolutePath());
        BenchRunner.Outcome outcome = BenchRunner.run(steps, console);
        Path json = out.resolve(RESULT_JSON);
        BenchRunner.writeJson(outcome.results(), json);
        List<JmhResults.Entry> entries = JmhResults.read(json);
        BenchReport.Files files = BenchReport.write(out, MethodTables.build(entries, plan.methods()),
                SfsTable.build(entries), BenchReport.describe(plan));
        console.println("wrote " + json + ", " + files.markdown() + ", " + files.csv() + ", " + files.html()
                + (files.sfsCsv() != null ? ", " + files.sfsCsv() : ""));
        Table generationTable = GenerationTable.build(entries);
        if (generationTable.rowCount() > 0) {
            console.println("wrote " + GenerationTable.write(out, generationTable) + ", " + out.resolve(GenerationTable.CSV));
        }
        if (!outcome.failures().isEmpty()) {
            throw new IllegalStateException(outcome.failures().size() + " benchmark(s) failed: "
                    + String.join("; ", outcome.failures()));
        }
        return 0;
    }

    /** What this run measures: the options checked and resolved; a bad one is an error naming it. */
    public BenchPlan plan() {
        MethodRegistry registry = MethodRegistry.load();
        List<String> methodList = parse("--methods", () -> MethodList.of(methods, registry, registry.names()));
        List<ModelShape> shapeList = new ArrayList<>();
        for (String s : shapes.isEmpty() ? ModelShape.wireNames() : shapes) {
            shapeList.add(parse("--shapes", () -> ModelShape.parse(s)));
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be 0 (one per core) or more, got " + threads);
        }
        List<InputShape> inputList = new ArrayList<>();
        for (String i : inputs) {
            inputList.add(parse("--inputs", () -> InputShape.parse(i)));
        }
        requireVisible(device);
        return parse("--inputs", () -> BenchPlan.of(quick, methodList, shapeList, BenchDevice.name(device), inputList, sfs,
                threads));
    }

    /** Fails before any VM is forked when libtorch sees no such GPU (the CPU build, or a wrong index). */
    private static void requireVisible(Device device) {
        if (!device.isGpu()) {
            return;
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (device.getDeviceId() >= gpus) {
            throw new IllegalArgumentException("--device " + BenchDevice.name(device) + ": libtorch sees " + gpus
                    + " GPU(s); a GPU run needs the CUDA build of libtorch (mvn -Dgpu, see the README's Running on a GPU)");
        }
    }

    private static <T> T parse(String option, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
