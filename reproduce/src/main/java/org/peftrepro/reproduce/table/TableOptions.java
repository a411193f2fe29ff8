package org.peftrepro.reproduce.table;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.reproduce.engine.BackboneDtype;
import org.peftrepro.reproduce.engine.HyperparameterOverrides;

/**
 * What the user asked of a table run.
 *
 * @param model Hub id or folder; null: the protocol's model (smoke: the suite's tiny model)
 * @param dataFolder a GLUE folder in either layout; null: the Hub's nyu-mll/glue (smoke: the smoke tasks)
 * @param seeds empty: the protocol's seed
 * @param methodOverrides per method, options given with {@code --set}; key {@code *} for options without a method
 *     prefix, which apply to every selected method that has them
 * @param overrides hyperparameters given on the command line
 * @param retryFailed run again the runs recorded as failed (the default); false keeps their records
 */
public record TableOptions(Scale scale, String model, Path dataFolder, List<GlueTask> tasks, List<String> methods,
        List<Long> seeds, Fidelity fidelity, Device device, Path out, Map<String, Map<String, String>> methodOverrides,
        HyperparameterOverrides overrides, BackboneDtype dtype, boolean retryFailed) {

    public TableOptions {
        tasks = List.copyOf(tasks);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        methodOverrides = Map.copyOf(methodOverrides);
    }

    /**
     * The table-level choices in words, the same for every run planned together: scale, fidelity, model, data,
     * the hyperparameters and method options set on the command line, device kind, dtype and CPU threads. Reports
     * group records by it.
     */
    public Map<String, String> settings(String modelId, String dataId, int cpuThreads) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("scale", scale.wireName());
        s.put("fidelity", fidelity.wireName());
        s.put("model", modelId);
        s.put("data", dataId);
        if (overrides.epochs() != null) {
            s.put("epochs", overrides.epochs().toString());
        }
        if (overrides.batchSize() != null) {
            s.put("batch size", overrides.batchSize().toString());
        }
        if (overrides.maxLength() != null) {
            s.put("max length", overrides.maxLength().toString());
        }
        if (overrides.lr() != null) {
            s.put("lr", overrides.lr().toString());
        }
        if (overrides.maxTrainExamples() != null) {
            s.put("max train examples", overrides.maxTrainExamples().toString());
        }
        new java.util.TreeMap<>(methodOverrides).forEach((method, options) -> new java.util.TreeMap<>(options)
                .forEach((k, v) -> s.put("set " + (method.equals("*") ? "" : method + ".") + k, v)));
        s.put("device", device.isGpu() ? "gpu" : "cpu");
        s.put("dtype", dtype.wireName());
        if (!device.isGpu()) {
            s.put("cpu threads", Integer.toString(cpuThreads));
        }
        return s;
    }

    /** Options with the defaults of the command line: paper fidelity, CPU, float32, the protocol's seed. */
    public static Builder builder(Scale scale, List<GlueTask> tasks, List<String> methods) {
        return new Builder(scale, tasks, methods);
    }

    /** Builds {@link TableOptions}, every option at its command-line default until set. */
    public static final class Builder {
        private final Scale scale;
        private final List<GlueTask> tasks;
        private final List<String> methods;
        private String model;
        private Path dataFolder;
        private List<Long> seeds = List.of();
        private Fidelity fidelity = Fidelity.PAPER;
        private Device device = Device.cpu();
        private Path out;
        private final Map<String, Map<String, String>> methodOverrides = new LinkedHashMap<>();
        private HyperparameterOverrides overrides = HyperparameterOverrides.NONE;
        private BackboneDtype dtype = BackboneDtype.FLOAT32;
        private boolean retryFailed = true;

        private Builder(Scale scale, List<GlueTask> tasks, List<String> methods) {
            this.scale = scale;
            this.tasks = tasks;
            this.methods = methods;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder dataFolder(Path value) {
            dataFolder = value;
            return this;
        }

        public Builder seeds(List<Long> value) {
            seeds = value;
            return this;
        }

        public Builder fidelity(Fidelity value) {
            fidelity = value;
            return this;
        }

        public Builder device(Device value) {
            device = value;
            return this;
        }

        public Builder out(Path value) {
            out = value;
            return this;
        }

        /** Options of one method ({@code *}: every selected method that has the key). */
        public Builder set(String method, Map<String, String> options) {
            methodOverrides.computeIfAbsent(method, m -> new LinkedHashMap<>()).putAll(options);
            return this;
        }

        public Builder overrides(HyperparameterOverrides value) {
            overrides = value;
            return this;
        }

        public Builder dtype(BackboneDtype value) {
            dtype = value;
            return this;
        }

        public Builder retryFailed(boolean value) {
            retryFailed = value;
            return this;
        }

        public TableOptions build() {
            Path folder = out != null ? out : Path.of("results", "table1-" + scale.wireName());
            return new TableOptions(scale, model, dataFolder, tasks, methods, seeds, fidelity, device, folder,
                    methodOverrides, overrides, dtype, retryFailed);
        }
    }
}
