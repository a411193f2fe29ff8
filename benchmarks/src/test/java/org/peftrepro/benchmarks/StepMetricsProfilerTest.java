package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

class StepMetricsProfilerTest {

    @Test
    void secondsPerStepFromTimeAndThroughputScores() {
        assertThat(StepMetricsProfiler.secondsPerStep(Mode.AverageTime, 250, TimeUnit.MILLISECONDS)).isCloseTo(0.25, within(1e-12));
        assertThat(StepMetricsProfiler.secondsPerStep(Mode.SingleShotTime, 2, TimeUnit.SECONDS)).isCloseTo(2, within(1e-12));
        // 4 steps per second, or 240 per minute: a quarter of a second each
        assertThat(StepMetricsProfiler.secondsPerStep(Mode.Throughput, 4, TimeUnit.SECONDS)).isCloseTo(0.25, within(1e-12));
        assertThat(StepMetricsProfiler.secondsPerStep(Mode.Throughput, 240, TimeUnit.MINUTES)).isCloseTo(0.25, within(1e-12));
    }
}
