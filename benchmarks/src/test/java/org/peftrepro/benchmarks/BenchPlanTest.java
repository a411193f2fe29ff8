package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.Options;
import org.peftrepro.methods.spi.MethodRegistry;

/** Which benchmarks a run takes, with which parameters. */
class BenchPlanTest {
    private static final List<ModelShape> BOTH = List.of(ModelShape.TINY, ModelShape.ROBERTA_BASE);

    @Test
    void aCpuRunIs32By128AndAGpuRunAdds64By256() {
        BenchPlan cpu = BenchPlan.of(false, List.of("lora"), BOTH, "cpu", List.of(), false, 0);
        assertThat(cpu.inputs().get(ModelShape.ROBERTA_BASE)).containsExactly(new InputShape(32, 128));
        BenchPlan gpu = BenchPlan.of(true, List.of("lora"), BOTH, "gpu:0", List.of(), false, 0);
        assertThat(gpu.inputs().get(ModelShape.ROBERTA_BASE)).containsExactly(new InputShape(32, 128), new InputShape(64, 256));
        assertThat(gpu.benchmarkCount()).isEqualTo(2 * 2 * 2); // shapes x inputs x (train, infer)
    }

    @Test
    void aQuickCpuRunTakesRobertaBaseAt8By64UnlessTold() {
        BenchPlan quick = BenchPlan.of(true, List.of("lora"), BOTH, "cpu", List.of(), false, 0);
        assertThat(quick.inputs().get(ModelShape.TINY)).containsExactly(new InputShape(32, 128));
        assertThat(quick.inputs().get(ModelShape.ROBERTA_BASE)).containsExactly(new InputShape(8, 64));
        BenchPlan told = BenchPlan.of(true, List.of("lora"), BOTH, "cpu", List.of(new InputShape(4, 16)), false, 0);
        assertThat(told.inputs().values()).allSatisfy(list -> assertThat(list).containsExactly(new InputShape(4, 16)));
    }

    @Test
    void methodsTimesShapesTimesTwoPlusEightSfsBenchmarks() {
        BenchPlan plan = BenchPlan.of(true, List.of("lora", "bitfit", "ft"), BOTH, "cpu", List.of(), true, 1);
        assertThat(plan.benchmarkCount()).isEqualTo(3 * 2 * 2 + 8);
        List<BenchPlan.Step> steps = plan.steps(List.of("-Dai.djl.offline=true"));
        Options methods = steps.get(0).options().build();
        assertThat(methods.getParameter("method").get()).containsExactly("lora", "bitfit", "ft");
        assertThat(methods.getParameter("shape").get()).containsExactly("tiny");
        assertThat(methods.getJvmArgsAppend().get()).containsExactly("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1");
        Options llama = steps.get(steps.size() - 1).options().build();
        assertThat(llama.getParameter("backbone").get()).containsExactly("llama-2-7b");
        assertThat(llama.getParameter("modules").get()).as("quick: one module of d 4096").containsExactly("1");
    }

    @Test
    void nothingToRunIsAnError() {
        assertThatThrownBy(() -> BenchPlan.of(true, List.of(), BOTH, "cpu", List.of(), false, 0))
                .hasMessageContaining("nothing to run");
    }

    @Test
    void theMethodsComeFromThePlanNeverFromACompiledList() throws Exception {
        Field method = MethodBenchmark.class.getField("method");
        assertThat(method.getAnnotation(Param.class).value()).isEmpty();
        List<String> registered = MethodRegistry.load().names();
        BenchPlan plan = BenchPlan.of(true, registered, List.of(ModelShape.TINY), "cpu", List.of(), false, 0);
        assertThat(plan.steps(List.of()).get(0).options().build().getParameter("method").get())
                .containsExactlyElementsOf(registered);
    }
}
