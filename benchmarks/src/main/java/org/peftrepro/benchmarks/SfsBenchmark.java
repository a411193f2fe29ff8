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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.peftrepro.methods.lor2c.ShapeOfFeatureSpace;

/**
 * Time to get the singular values behind the SFS scores of a backbone's modules (one per layer): through the
 * r x r core of {@link ShapeOfFeatureSpace} (O(d r^2) per module) and through the full d x d SVD of B A that the
 * official code computes (O(d^3)). The score is the time for {@code modules} modules.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class SfsBenchmark {
    @Param({"roberta-base", "llama-2-7b"})
    public String backbone;

    @Param({"8", "64"})
    public int r;

    /** How many of the backbone's modules to score; 0: all (a d = 4096 full SVD takes minutes per module). */
    @Param({"0"})
    public int modules;

    private SfsModules sfsModules;

    @Setup(Level.Trial)
    public void setUp() {
        sfsModules = SfsModules.random(SfsModules.Backbone.parse(backbone), r, modules, 17);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void lowRankRoute(Blackhole sink) {
        for (SfsModules.Module m : sfsModules.modules()) {
            sink.consume(ShapeOfFeatureSpace.singularValues(m.a(), m.b(), sfsModules.r(), sfsModules.d()));
        }
    }

    /** Minutes per iteration at d = 4096: one shot per iteration. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void fullSvdRoute(Blackhole sink) {
        for (SfsModules.Module m : sfsModules.modules()) {
            sink.consume(FullSvdRoute.singularValues(m.a(), m.b(), sfsModules.r(), sfsModules.d()));
        }
    }
}
