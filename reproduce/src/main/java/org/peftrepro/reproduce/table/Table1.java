package org.peftrepro.reproduce.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.datasets.SmokeTasks;
import org.peftrepro.hub.HubClient;
import org.peftrepro.hub.RepoType;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.reports.ReportOptions;
import org.peftrepro.reports.Reports;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;
import org.peftrepro.datasets.Scale;
import org.peftrepro.reproduce.engine.Hyperparameters;
import org.peftrepro.reproduce.engine.Protocol;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.RunExecutor;
import org.peftrepro.reproduce.engine.RunSpec;

/**
 * Table I of the LoR2C paper: GLUE dev results of RoBERTa-base fine-tuned with every method, with the
 * trainable-parameter column. A grid of runs (task x method x seed) that skips the runs already recorded,
 * so a killed table run started again finishes with every result once; then the reports are rebuilt from
 * the stored records.
 */
public final class Table1 {
    public static final String NAME = "table1";
    static final String PAPER_MODEL = "FacebookAI/roberta-base";
    static final String GLUE_DATASET = "nyu-mll/glue";

    private final MethodRegistry registry;
    private final Protocol protocol = Protocol.load(NAME);

    public Table1(MethodRegistry registry) {
        this.registry = registry;
    }

    /** The records of this table's runs, every one of them finished (ok or failed) and stored. */
    public List<RunRecord> run(TableOptions options, ProgressListener progress) throws IOException {
        RunStore store = new RunStore(options.out().resolve("runs"));
        List<RunSpec> specs = plan(options, progress);
        RunExecutor executor = new RunExecutor(registry);
        int done = 0;
        for (RunSpec spec : specs) {
            done++;
            if (store.find(spec.runId()).isPresent()) {
                progress.message(String.format("[%d/%d] %s: recorded, skipped", done, specs.size(), spec.runId()));
                continue;
            }
            RunRecord record = executor.execute(spec, progress);
            store.write(record);
            progress.message(String.format("[%d/%d] %s", done, specs.size(), describe(record)));
        }
        List<RunRecord> records = store.readAll().stream()
                .filter(r -> NAME.equals(r.table()) && r.scale() == options.scale() && r.fidelity() == options.fidelity())
                .toList();
        ReportOptions reportOptions = reportOptions(options);
        Reports.writeAll(records, options.out(), reportOptions);
        progress.message(Reports.printable(records, reportOptions));
        return records;
    }

    public ReportOptions reportOptions(TableOptions options) {
        return ReportOptions.forTable(NAME).withScale(options.scale()).withFidelity(options.fidelity())
                .withMethods(registry);
    }

    /** Every run of the grid, resolved: model and data located (downloaded or generated where needed). */
    List<RunSpec> plan(TableOptions options, ProgressListener progress) throws IOException {
        // A bad --set fails here, before any data is generated or downloaded, or any model pretrained.
        for (GlueTask task : options.tasks()) {
            for (String methodName : options.methods()) {
                PeftMethod method = registry.get(methodName);
                method.resolve(methodOptions(task, method, options));
            }
        }
        Path modelFolder;
        Path dataFolder;
        String modelId;
        String dataSource;
        if (options.scale() == Scale.SMOKE && options.model() == null) {
            SmokeAssets.Assets assets = SmokeAssets.prepare(options.out().resolve("assets"), protocol.seed(Scale.SMOKE), progress);
            modelFolder = assets.modelFolder();
            modelId = "smoke tiny RoBERTa (" + modelFolder.getFileName() + ")";
            dataFolder = options.dataFolder() != null ? options.dataFolder() : assets.dataFolder();
        } else {
            modelId = options.model() != null ? options.model() : PAPER_MODEL;
            modelFolder = ModelLocator.fromEnvironment().checkpointFolder(modelId);
            dataFolder = options.dataFolder() != null ? options.dataFolder() : glueFromHub(options.tasks());
        }
        boolean synthetic = SmokeTasks.isSmokeFolder(dataFolder);
        if (synthetic) {
            dataSource = "synthetic smoke tasks (" + dataFolder.getFileName() + ")";
        } else {
            dataSource = options.dataFolder() != null ? options.dataFolder().toString() : GLUE_DATASET;
        }
        List<RunSpec> specs = new ArrayList<>();
        for (GlueTask task : options.tasks()) {
            for (String methodName : options.methods()) {
                PeftMethod method = registry.get(methodName);
                Map<String, String> methodOptions = methodOptions(task, method, options);
                Hyperparameters hp = hyperparameters(task, methodName, options);
                for (long seed : seedsOf(options)) {
                    specs.add(new RunSpec(NAME, task, methodName, methodOptions, seed, options.scale(), options.fidelity(),
                            modelId, modelFolder, dataSource, dataFolder, synthetic, options.device(), hp, options.backboneFloat16()));
                }
            }
        }
        return specs;
    }

    private List<Long> seedsOf(TableOptions options) {
        return options.seeds().isEmpty() ? List.of(protocol.seed(options.scale())) : options.seeds();
    }

    /** Protocol's per-task options, then the scale's, then the fidelity's, then the user's --set. */
    private Map<String, String> methodOptions(GlueTask task, PeftMethod method, TableOptions options) {
        Map<String, String> result = new LinkedHashMap<>(protocol.methodOptions(task.hubConfig(), method.name()));
        result.putAll(protocol.scaleMethodOptions(options.scale(), method.name()));
        result.putAll(method.fidelityOptions(options.fidelity()));
        result.putAll(options.methodOverrides().getOrDefault(method.name(), Map.of()));
        result.putAll(options.methodOverrides().getOrDefault("*", Map.of()).entrySet().stream()
                .filter(e -> method.options().stream().anyMatch(o -> o.key().equals(e.getKey())))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        return result;
    }

    private Hyperparameters hyperparameters(GlueTask task, String method, TableOptions options) {
        Hyperparameters p = protocol.hyperparameters(task.hubConfig(), method, options.scale());
        Map<String, Number> o = options.overrides();
        return new Hyperparameters(
                o.containsKey("epochs") ? o.get("epochs").intValue() : p.epochs(),
                o.containsKey("batchSize") ? o.get("batchSize").intValue() : p.batchSize(),
                o.containsKey("maxLength") ? o.get("maxLength").intValue() : p.maxLength(),
                o.containsKey("lr") ? o.get("lr").doubleValue() : p.lr(),
                p.headLrScale(), p.weightDecay(), p.warmupRatio(), p.padToCap(), p.maxGradNorm(), p.gradientAccumulation(),
                o.containsKey("maxTrainExamples") ? o.get("maxTrainExamples").intValue() : p.maxTrainExamples(),
                p.maxDevExamples());
    }

    /** The Hub's GLUE parquet files of the asked tasks, through the cache. */
    private static Path glueFromHub(List<GlueTask> tasks) throws IOException {
        List<String> patterns = tasks.stream().map(t -> t.hubConfig() + "/*.parquet").toList();
        return new HubClient().snapshot(GLUE_DATASET, RepoType.DATASET, "main", patterns);
    }

    private static String describe(RunRecord r) {
        if (!r.succeeded()) {
            return r.runId() + ": FAILED (" + r.failureReason() + ")";
        }
        return String.format("%s: %s %.4f at epoch %d", r.runId(), r.primaryMetric(), r.bestMetrics().get(r.primaryMetric()), r.bestEpoch());
    }
}
