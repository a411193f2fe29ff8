package org.peftrepro.evaluation.run;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.evaluation.sandbox.SandboxLimits;
import org.peftrepro.evaluation.tasks.Benchmark;
import org.peftrepro.evaluation.tasks.Protocol;

/**
 * Everything one {@code evaluate} run needs.
 *
 * @param model how the model was named (a folder or a Hub id), for reports
 * @param modelFolder its checkpoint folder
 * @param adapter a PEFT adapter folder to attach, or null
 * @param limit the most items per subject or task; 0: the scale's default (all, or 20 at quick scale)
 * @param dataDir a folder with {@code mmlu/}, {@code bbh/}, {@code drop/}, {@code humaneval/} in their Hub layouts, or
 *     null: the smoke benchmarks at smoke scale, the Hub otherwise
 * @param out the results folder
 * @param allowCodeExecution whether HumanEval's generated programs may run (in the sandbox)
 * @param python the interpreter for them, or null to find one
 * @param seed the smoke benchmarks' seed and the sampling seed
 */
public record EvaluationSettings(String model, Path modelFolder, Path adapter, List<Benchmark> benchmarks, Protocol protocol,
        EvalScale scale, int limit, Path dataDir, Device device, Path out, int batchSize, boolean allowCodeExecution,
        SandboxLimits sandboxLimits, Path python, long seed) {

    public EvaluationSettings {
        benchmarks = List.copyOf(benchmarks);
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("no benchmark to run");
        }
        if (benchmarks.contains(Benchmark.HUMANEVAL) && !allowCodeExecution) {
            throw new IllegalArgumentException("HumanEval scores a model by running the Python it writes: pass "
                    + "--allow-code-execution to run it in the sandbox (see the README), or leave humaneval out of --benchmarks");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all) or more, got " + limit);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
    }

    /** The items per subject or task this run asks: the given limit, or the scale's. */
    public int effectiveLimit() {
        return limit > 0 ? limit : scale == EvalScale.QUICK ? EvalScale.QUICK_LIMIT : 0;
    }

    /** A cap on new tokens below the protocols' own, or 0 for none. */
    public int newTokensCap() {
        return scale == EvalScale.SMOKE ? EvalScale.SMOKE_NEW_TOKENS : 0;
    }

    /** What makes two runs' results comparable: a results folder holds one such evaluation. */
    Map<String, Object> identity(String dataDescription) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("model", model);
        identity.put("model_folder", modelFolder.toAbsolutePath().normalize().toString());
        identity.put("adapter", adapter == null ? null : adapter.toAbsolutePath().normalize().toString());
        identity.put("scale", scale.wireName());
        identity.put("limit", effectiveLimit());
        identity.put("data", dataDescription);
        identity.put("seed", seed);
        identity.put("code_time_limit_ms", sandboxLimits.time().toMillis());
        identity.put("code_memory_bytes", sandboxLimits.memoryBytes());
        return identity;
    }
}
