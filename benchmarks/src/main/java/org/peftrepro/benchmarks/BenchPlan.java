package org.peftrepro.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What one {@code bench} run measures and how long it spends on each benchmark.
 *
 * <p>Full run: methods at 32 x 128 (a GPU adds 64 x 256), 2 warm-up and 5 measured iterations of 10 s each, every
 * SFS route on every module. Quick run: 1 warm-up and 2 measured iterations of 1 s (each at least one step), and on
 * a CPU RoBERTa-base at 8 x 64, whose 32 x 128 step takes tens of seconds there; the full d = 4096 SVD is measured
 * on one module. Every benchmark runs in a forked VM of its own, so its peak memory is its own.
 *
 * @param methods registered method names
 * @param inputs the input shapes each model shape runs at
 * @param device {@code cpu} or {@code gpu:N}
 * @param sfs whether to run the SFS benchmarks
 * @param threads libtorch's intra-op threads in each forked VM; 0: the engine's default (one per core). On a machine
 *     shared with other work, fewer threads than cores avoid the stalls of OpenMP threads waiting for a busy core.
 */
public record BenchPlan(boolean quick, List<String> methods, Map<ModelShape, List<InputShape>> inputs, String device,
        boolean sfs, int threads) {

    /** A quick run's method benchmarks: iterations of 1 s, each at least one step. */
    static final int QUICK_WARMUP_ITERATIONS = 1;
    static final int QUICK_MEASURED_ITERATIONS = 2;

    /** RoBERTa-base's quick input on a CPU. */
    public static final InputShape QUICK_CPU_ROBERTA = new InputShape(8, 64);

    /** A d = 4096 SVD takes minutes per module: no single iteration may be cut short by JMH's default 10 min. */
    private static final TimeValue ITERATION_TIMEOUT = TimeValue.hours(3);

    public BenchPlan {
        if (methods.isEmpty() && !sfs) {
            throw new IllegalArgumentException("nothing to run: no methods and no SFS benchmarks");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the engine's default) or more, got " + threads);
        }
        methods = List.copyOf(methods);
        inputs = new LinkedHashMap<>(inputs);
        inputs.forEach((shape, list) -> list.forEach(input -> {
            if (input.length() > shape.maxLength()) {
                throw new IllegalArgumentException("input " + input + ": " + shape.wireName() + " has positions for "
                        + shape.maxLength() + " tokens");
            }
        }));
    }

    /**
     * The default inputs: 32 x 128 (a GPU adds 64 x 256); in a quick CPU run RoBERTa-base at {@link #QUICK_CPU_ROBERTA}.
     *
     * @param inputOverride when not empty, every shape runs at exactly these
     */
    public static BenchPlan of(boolean quick, List<String> methods, List<ModelShape> shapes, String device,
            List<InputShape> inputOverride, boolean sfs, int threads) {
        boolean gpu = device.startsWith("gpu");
        Map<ModelShape, List<InputShape>> inputs = new LinkedHashMap<>();
        for (ModelShape shape : shapes) {
            List<InputShape> list;
            if (!inputOverride.isEmpty()) {
                list = inputOverride;
            } else if (gpu) {
                list = List.of(InputShape.DEFAULT, InputShape.LARGE);
            } else if (quick && shape == ModelShape.ROBERTA_BASE) {
                list = List.of(QUICK_CPU_ROBERTA);
            } else {
                list = List.of(InputShape.DEFAULT);
            }
            inputs.put(shape, list);
        }
        return new BenchPlan(quick, methods, inputs, device, sfs, threads);
    }

    /** One JMH runner's worth: its options and how many benchmarks it runs. */
    public record Step(String title, ChainedOptionsBuilder options, int benchmarks) {}

    /**
     * The JMH runs, in order.
     *
     * @param inheritedJvmArgs arguments every forked VM gets first (this VM's settings they must share)
     */
    public List<Step> steps(List<String> inheritedJvmArgs) {
        List<String> forkJvmArgs = new ArrayList<>(inheritedJvmArgs);
        if (threads > 0) {
            forkJvmArgs.add("-Dai.djl.pytorch.num_threads=" + threads); // the last -D of a key wins
        }
        List<Step> steps = new ArrayList<>();
        if (!methods.isEmpty()) {
            inputs.forEach((shape, list) -> steps.add(methodStep(shape, list, forkJvmArgs)));
        }
        if (sfs) {
            steps.addAll(sfsSteps(forkJvmArgs));
        }
        return steps;
    }

    /**
     * Generation with and without the KV cache ({@link GenerationBenchmark}) on this plan's device and threads: at 256
     * new tokens after a prompt of 32 and of 512 tokens, one sequence (a full run adds a batch of 8); single shots, one
     * warm-up and two measured (three in a full run).
     */
    public Step generationStep(List<String> inheritedJvmArgs) {
        List<String> forkJvmArgs = new ArrayList<>(inheritedJvmArgs);
        if (threads > 0) {
            forkJvmArgs.add("-Dai.djl.pytorch.num_threads=" + threads);
        }
        String[] batches = quick ? new String[] {"1"} : new String[] {"1", "8"};
        ChainedOptionsBuilder options = common(forkJvmArgs).include(benchmarks(GenerationBenchmark.class, "generate"))
                .param("cache", "true", "false").param("batch", batches).param("promptLength", "32", "512")
                .param("newTokens", "256").param("device", device)
                .warmupIterations(1).measurementIterations(quick ? 2 : 3);
        return new Step("generation with and without the KV cache", options, 2 * 2 * batches.length);
    }

    /** Benchmarks across all steps, for the progress count. */
    public int benchmarkCount() {
        return steps(List.of()).stream().mapToInt(Step::benchmarks).sum();
    }

    private Step methodStep(ModelShape shape, List<InputShape> list, List<String> forkJvmArgs) {
        ChainedOptionsBuilder options = common(forkJvmArgs)
                .include(benchmarks(MethodBenchmark.class, "train", "infer"))
                .param("method", methods.toArray(String[]::new))
                .param("shape", shape.wireName())
                .param("input", list.stream().map(InputShape::toString).toArray(String[]::new))
                .param("device", device)
                .addProfiler(StepMetricsProfiler.class);
        if (quick) {
            options.warmupIterations(QUICK_WARMUP_ITERATIONS).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(QUICK_MEASURED_ITERATIONS).measurementTime(TimeValue.seconds(1));
        } else {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(10))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(10));
        }
        return new Step("methods on " + shape.wireName(), options, methods.size() * 2 * list.size());
    }

    private List<Step> sfsSteps(List<String> forkJvmArgs) {
        String[] ranks = {"8", "64"};
        String roberta = SfsModules.Backbone.ROBERTA_BASE.wireName();
        String llama = SfsModules.Backbone.LLAMA_2_7B.wireName();
        ChainedOptionsBuilder lowRank = common(forkJvmArgs).include(benchmarks(SfsBenchmark.class, "lowRankRoute"))
                .param("backbone", roberta, llama).param("r", ranks).param("modules", "0");
        if (quick) {
            lowRank.warmupIterations(QUICK_WARMUP_ITERATIONS).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(QUICK_MEASURED_ITERATIONS).measurementTime(TimeValue.seconds(1));
        }
        // RoBERTa-base's 768 x 768 SVDs take about half a second each: every module, a few shots.
        ChainedOptionsBuilder fullRoberta = common(forkJvmArgs).include(benchmarks(SfsBenchmark.class, "fullSvdRoute"))
                .param("backbone", roberta).param("r", ranks).param("modules", "0");
        if (quick) {
            fullRoberta.warmupIterations(0).measurementIterations(2);
        }
        // LLaMA's 4096 x 4096 SVDs take minutes each: one shot, of one module in a quick run.
        ChainedOptionsBuilder fullLlama = common(forkJvmArgs).include(benchmarks(SfsBenchmark.class, "fullSvdRoute"))
                .param("backbone", llama).param("r", ranks).param("modules", quick ? "1" : "0")
                .warmupIterations(0).measurementIterations(1);
        return List.of(new Step("SFS, r x r route", lowRank, 4), new Step("SFS, full SVD of RoBERTa-base", fullRoberta, 2),
                new Step("SFS, full SVD of LLaMA-2-7B", fullLlama, 2));
    }

    private static ChainedOptionsBuilder common(List<String> forkJvmArgs) {
        ChainedOptionsBuilder options = new OptionsBuilder().forks(1).shouldFailOnError(false)
                .timeout(ITERATION_TIMEOUT).verbosity(VerboseMode.NORMAL);
        if (!forkJvmArgs.isEmpty()) {
            options.jvmArgsAppend(forkJvmArgs.toArray(String[]::new));
        }
        return options;
    }

    /** A regular expression matching exactly these benchmark methods of {@code type}. */
    private static String benchmarks(Class<?> type, String... names) {
        return "^" + Pattern.quote(type.getName() + ".") + "(" + String.join("|", names) + ")$";
    }
}
