package org.peftrepro.reproduce.engine;

import ai.djl.Device;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;

/**
 * One run, fully resolved: every value that decides its result. Its id is a hash of all of them, so a run asked
 * again under the same settings finds its record, and a run under any other setting (a changed method default,
 * another checkpoint or data folder, another device kind or dtype) is another run.
 *
 * @param table the paper table or figure the run belongs to, e.g. {@code table1}
 * @param task the task family and the task within it
 * @param method the method and every one of its options, defaults included (canonical values)
 * @param cpuThreads libtorch's intra-op threads: CPU numbers repeat exactly only at the same count
 * @param settings what the user chose for the whole table (scale, model, data, overrides, ...), in words: runs
 *     planned together share it, so reports can tell apart records made under other settings. Not part of the
 *     identity: its effects are in the resolved values above.
 */
public record RunConfig(String table, TaskRef task, MethodChoice method, Hyperparameters hyperparameters, long seed,
        Scale scale, Fidelity fidelity, ModelSource model, DataSource data, Device device, BackboneDtype dtype,
        int cpuThreads, Map<String, String> settings) {

    public RunConfig {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A task within a family, e.g. ({@code sequence-classification}, {@code rte}). */
    public record TaskRef(String family, String name) {}

    /** A method with its resolved options. */
    public record MethodChoice(String name, Map<String, String> options) {
        public MethodChoice {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /**
     * A checkpoint.
     *
     * @param id how the user named it (Hub id or folder), for the record
     * @param folder where it is
     * @param revision what identifies its content ({@link SourceIdentity})
     */
    public record ModelSource(String id, Path folder, String revision) {}

    /**
     * Data.
     *
     * @param synthetic the suite's generated stand-in data, not the real task
     */
    public record DataSource(String id, Path folder, String revision, boolean synthetic) {}

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * Everything that changes the run's result, as plain values: what its id hashes and what its record keeps.
     * Where a checkpoint or data folder lives is not part of it, only what it holds.
     */
    public Map<String, Object> identity() {
        Map<String, Object> id = new TreeMap<>();
        id.put("table", table);
        id.put("taskFamily", task.family());
        id.put("task", task.name());
        id.put("method", method.name());
        id.put("methodOptions", new TreeMap<>(method.options()));
        id.put("hyperparameters", hyperparameters.asMap());
        id.put("seed", seed);
        id.put("scale", scale.wireName());
        id.put("fidelity", fidelity.wireName());
        id.put("model", model.revision());
        id.put("data", data.revision());
        id.put("deviceKind", device.isGpu() ? "gpu" : "cpu");
        id.put("backboneDtype", dtype.wireName());
        if (!device.isGpu()) {
            id.put("cpuThreads", cpuThreads);
        }
        return id;
    }

    /**
     * The run's key and file name: readable parts (a float16 backbone adds {@code fp16}), then 12 hex digits of the
     * SHA-256 of {@link #identity()}, e.g. {@code table1-smoke-rte-lora-paper-seed17-3f9a0c5e7b21}.
     */
    public String runId() {
        try {
            byte[] json = CANONICAL.writeValueAsString(identity()).getBytes(StandardCharsets.UTF_8);
            String hash = HexFormat.of().formatHex(SourceIdentity.sha256().digest(json)).substring(0, 12);
            String readable = String.join("-", table, scale.wireName(), task.name(), method.name(),
                    fidelity.wireName(), "seed" + seed);
            return readable + (dtype == BackboneDtype.FLOAT16 ? "-fp16-" : "-") + hash;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run configuration cannot be written as JSON", e);
        }
    }
}
