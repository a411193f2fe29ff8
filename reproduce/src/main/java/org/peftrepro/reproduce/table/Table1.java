package org.peftrepro.reproduce.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.peftrepro.datasets.GlueData;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.Scale;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.hub.HubClient;
import org.peftrepro.hub.RepoType;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.reports.ReportOptions;
import org.peftrepro.reports.Reports;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reproduce.engine.CpuThreads;
import org.peftrepro.reproduce.engine.Devices;
import org.peftrepro.reproduce.engine.Hyperparameters;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.Protocol;
import org.peftrepro.reproduce.engine.RunConfig;
import org.peftrepro.reproduce.engine.RunConfig.DataSource;
import org.peftrepro.reproduce.engine.RunConfig.MethodChoice;
import org.peftrepro.reproduce.engine.RunConfig.ModelSource;
import org.peftrepro.reproduce.engine.RunConfig.TaskRef;
import org.peftrepro.reproduce.engine.RunExecutor;
import org.peftrepro.reproduce.engine.SourceIdentity;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.engine.WritableFolder;
import org.peftrepro.reproduce.family.SequenceClassification;

/**
 * Table I of the LoR2C paper: GLUE dev results of RoBERTa-base fine-tuned with every method, with the
 * trainable-parameter column. A plan of runs (task x method x seed) that the {@link TableRunner} carries out,
 * skipping the runs already recorded; the reports are then built from the records of the planned runs alone.
 */
public final class Table1 {
    public static final String NAME = "table1";
    static final String PAPER_MODEL = "FacebookAI/roberta-base";
    static final String GLUE_DATASET = "nyu-mll/glue";

    private final MethodRegistry registry;
    private final Protocol protocol = Protocol.load(NAME);
    private final StopSignal stop;

    public Table1(MethodRegistry registry, StopSignal stop) {
        this.registry = registry;
        this.stop = stop;
    }

    /** Checks, plans and runs the table, then writes its reports; every planned run ends recorded, ok or failed. */
    public TableRunner.Outcome run(TableOptions options, ProgressListener progress) throws IOException {
        List<RunConfig> plan = plan(options, progress);
        RunExecutor executor = new RunExecutor(registry, List.of(new SequenceClassification()), stop);
        TableRunner.Outcome outcome = new TableRunner(options.out(), executor, options.retryFailed())
                .runAll(plan, progress);
        ReportOptions reportOptions = reportOptions(options);
        Reports.writeAll(outcome.records(), options.out(), reportOptions);
        progress.message(Reports.printable(outcome.records(), reportOptions));
        return outcome;
    }

    public ReportOptions reportOptions(TableOptions options) {
        return ReportOptions.forTable(NAME).withScale(options.scale()).withFidelity(options.fidelity())
                .withMethods(registry);
    }

    /**
     * Every option of every selected method, every hyperparameter, the device and the output folder, checked
     * before any data is generated or downloaded and any model pretrained: a mistake costs a second, not minutes.
     */
    public void check(TableOptions options) {
        for (Map.Entry<String, Map<String, String>> e : options.methodOverrides().entrySet()) {
            String method = e.getKey();
            if (method.equals("*")) {
                for (String key : e.getValue().keySet()) {
                    boolean someoneHasIt = options.methods().stream().map(registry::get)
                            .anyMatch(m -> m.options().stream().anyMatch(o -> o.key().equals(key)));
                    if (!someoneHasIt) {
                        throw new IllegalArgumentException("--set " + key + "=" + e.getValue().get(key)
                                + ": none of the selected methods (" + String.join(", ", options.methods())
                                + ") has an option '" + key + "'");
                    }
                }
            } else if (!options.methods().contains(method)) {
                registry.get(method); // an unknown name fails here, listing the known ones
                throw new IllegalArgumentException("--set " + method + "." + e.getValue().keySet().iterator().next()
                        + "=...: " + method + " is not among the selected methods (" + String.join(", ", options.methods())
                        + ")");
            }
        }
        for (GlueTask task : options.tasks()) {
            for (String methodName : options.methods()) {
                PeftMethod method = registry.get(methodName);
                method.resolve(methodOptions(task, method, options));
                hyperparameters(task, method, options);
            }
        }
        for (long seed : options.seeds()) {
            if (seed < 0 || seed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--seeds " + seed + ": a seed must be from 0 to " + Integer.MAX_VALUE
                        + " (libtorch's generator takes a 32-bit seed)");
            }
        }
        if (options.dataFolder() != null && !java.nio.file.Files.isDirectory(options.dataFolder())) {
            throw new IllegalArgumentException("--data-dir " + options.dataFolder() + ": "
                    + (java.nio.file.Files.exists(options.dataFolder()) ? "a file, not a folder" : "no such folder")
                    + " (a GLUE folder in the Hub parquet or the original TSV layout)");
        }
        Devices.check(options.device());
        WritableFolder.check(options.out(), "--out");
    }

    /** Every run of the table, resolved: model and data located (downloaded or generated where needed). */
    public List<RunConfig> plan(TableOptions options, ProgressListener progress) throws IOException {
        check(options);
        Path modelFolder;
        Path dataFolder;
        String modelId;
        if (options.scale() == Scale.SMOKE && options.model() == null) {
            SmokeAssets.Assets assets = SmokeAssets.prepare(options.out().resolve("assets"), SmokeAssets.Recipe.standard(protocol.seed(Scale.SMOKE)),
                    progress, stop);
            modelFolder = assets.modelFolder();
            modelId = "smoke tiny RoBERTa (" + modelFolder.getFileName() + ")";
            dataFolder = options.dataFolder() != null ? options.dataFolder() : assets.dataFolder();
        } else {
            modelId = options.model() != null ? options.model() : PAPER_MODEL;
            modelFolder = ModelLocator.fromEnvironment().checkpointFolder(modelId);
            dataFolder = options.dataFolder() != null ? options.dataFolder() : glueFromHub(options.tasks());
        }
        ModelSource model = new ModelSource(modelId, modelFolder, SourceIdentity.ofCheckpoint(modelFolder));
        boolean synthetic = SmokeTasks.isSmokeFolder(dataFolder);
        String dataId = synthetic ? "synthetic smoke tasks (" + dataFolder.getFileName() + ")"
                : options.dataFolder() != null ? options.dataFolder().toString() : GLUE_DATASET;
        int threads = CpuThreads.current();
        Map<String, String> settings = options.settings(modelId, dataId, threads);
        List<RunConfig> plan = new ArrayList<>();
        for (GlueTask task : options.tasks()) {
            DataSource data = new DataSource(dataId, dataFolder,
                    SourceIdentity.ofDataFolder(GlueData.taskFolder(dataFolder, task)), synthetic);
            for (String methodName : options.methods()) {
                PeftMethod method = registry.get(methodName);
                MethodChoice choice = new MethodChoice(methodName,
                        method.resolve(methodOptions(task, method, options)).asMap());
                Hyperparameters hp = hyperparameters(task, method, options);
                for (long seed : seedsOf(options)) {
                    plan.add(new RunConfig(NAME, new TaskRef(SequenceClassification.NAME, task.hubConfig()), choice,
                            hp, seed, options.scale(), options.fidelity(), model, data, options.device(),
                            options.dtype(), threads, settings));
                }
            }
        }
        return plan;
    }

    private List<Long> seedsOf(TableOptions options) {
        return options.seeds().isEmpty() ? List.of(protocol.seed(options.scale())) : options.seeds();
    }

    /** Protocol's per-task options, then the scale's, then the fidelity's, then the user's --set. */
    private Map<String, String> methodOptions(GlueTask task, PeftMethod method, TableOptions options) {
        Map<String, String> result = new LinkedHashMap<>(protocol.methodOptions(task.hubConfig(), method));
        result.putAll(protocol.scaleMethodOptions(options.scale(), method.name()));
        result.putAll(method.fidelityOptions(options.fidelity()));
        result.putAll(options.methodOverrides().getOrDefault(method.name(), Map.of()));
        result.putAll(options.methodOverrides().getOrDefault("*", Map.of()).entrySet().stream()
                .filter(e -> method.options().stream().anyMatch(o -> o.key().equals(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        return result;
    }

    private Hyperparameters hyperparameters(GlueTask task, PeftMethod method, TableOptions options) {
        return options.overrides().applyTo(protocol.hyperparameters(task.hubConfig(), method, options.scale()));
    }

    /** The Hub's GLUE parquet files of the asked tasks, through the cache. */
    private static Path glueFromHub(List<GlueTask> tasks) throws IOException {
        List<String> patterns = tasks.stream().map(t -> t.hubConfig() + "/*.parquet").toList();
        return new HubClient().snapshot(GLUE_DATASET, RepoType.DATASET, "main", patterns);
    }

}
