package org.peftrepro.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.peftrepro.methods.spi.MethodRegistry;

/**
 * A training step (forward, backward, AdamW update) and an inference pass (forward in eval mode) of every
 * method, on random weights of the real shape and one random batch made in setup. The score is the time per
 * step; {@link StepMetricsProfiler} adds examples/s, tokens/s, trainable parameters (head excluded),
 * optimizer-state bytes and peak memory.
 *
 * <p>{@code method} has no values of its own: the registered methods are known at run time only (a user's method
 * comes in its own jar), so the {@code bench} command passes the registry's names ({@link BenchPlan}), and a plain
 * JMH run needs {@code -p method=NAME}; without one JMH stops, naming the parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class MethodBenchmark {
    /** Every method's benchmark starts from the same weights and batch. */
    static final long SEED = 17;

    @Param({})
    public String method;

    @Param({"tiny", "roberta-base"})
    public String shape;

    /** BATCHxLENGTH. */
    @Param({"32x128"})
    public String input;

    /** cpu, gpu or gpu:N. */
    @Param({"cpu"})
    public String device;

    private MethodStep step;

    @Setup(Level.Trial)
    public void setUp() {
        step = MethodStep.create(MethodRegistry.load().get(method), ModelShape.parse(shape), InputShape.parse(input),
                BenchDevice.parse(device), SEED);
    }

    @Benchmark
    public float train() {
        return step.trainStep();
    }

    @Benchmark
    public float infer() {
        return step.inferenceStep();
    }

    @TearDown(Level.Iteration)
    public void publishMetrics() {
        StepMetrics.publish(new StepMetrics(step.input().batch(), step.input().tokens(), step.trainableParameters(),
                step.optimizerStateBytes(), step.peakMemoryBytes()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        step.close();
    }
}
