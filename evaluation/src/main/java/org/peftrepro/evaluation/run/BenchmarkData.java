package org.peftrepro.evaluation.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peftrepro.datasets.bench.BenchmarkFiles;
import org.peftrepro.datasets.bench.SmokeBenchmarks;
import org.peftrepro.evaluation.tasks.Benchmark;
import org.peftrepro.hub.HubClient;
import org.peftrepro.hub.RepoType;

/**
 * Where an evaluation's benchmark files are: a folder the user gave, the smoke benchmarks (generated once into the
 * results folder), or snapshots of the Hub datasets through the Hugging Face cache.
 *
 * @param description for records and reports
 * @param synthetic whether they are the smoke benchmarks
 */
record BenchmarkData(SmokeBenchmarks.Folders folders, String description, boolean synthetic) {

    static BenchmarkData locate(EvaluationSettings settings, EvaluationListener listener) throws IOException {
        if (settings.dataDir() != null) {
            Path root = settings.dataDir().toAbsolutePath().normalize();
            boolean synthetic = SmokeBenchmarks.isSmoke(root);
            return new BenchmarkData(SmokeBenchmarks.Folders.under(root),
                    synthetic ? "synthetic smoke benchmarks (" + root.getFileName() + ")" : root.toString(), synthetic);
        }
        if (settings.scale() == EvalScale.SMOKE) {
            Path root = settings.out().resolve("smoke-benchmarks-seed" + settings.seed());
            if (!SmokeBenchmarks.isSmoke(root)) {
                listener.message("generating the smoke benchmarks (seed " + settings.seed() + ") in " + root);
                SmokeBenchmarks.generate(root, settings.seed());
            }
            return new BenchmarkData(SmokeBenchmarks.Folders.under(root),
                    "synthetic smoke benchmarks (" + root.getFileName() + ")", true);
        }
        HubClient hub = new HubClient();
        Path mmlu = null;
        Path bbh = null;
        Path drop = null;
        Path humanEval = null;
        for (Benchmark benchmark : settings.benchmarks()) {
            switch (benchmark) {
                case MMLU -> mmlu = snapshot(hub, BenchmarkFiles.MMLU_HUB_ID, List.of("all/dev-*.parquet", "all/test-*.parquet"));
                case BBH -> bbh = snapshot(hub, BenchmarkFiles.BBH_HUB_ID, List.of("*/test-*.parquet"));
                case DROP -> drop = snapshot(hub, BenchmarkFiles.DROP_HUB_ID, List.of("data/*.parquet"));
                case HUMANEVAL -> humanEval = snapshot(hub, BenchmarkFiles.HUMANEVAL_HUB_ID, List.of("openai_humaneval/*.parquet"));
            }
        }
        return new BenchmarkData(new SmokeBenchmarks.Folders(null, mmlu, bbh, drop, humanEval),
                "Hugging Face Hub: " + BenchmarkFiles.MMLU_HUB_ID + ", " + BenchmarkFiles.BBH_HUB_ID + ", "
                        + BenchmarkFiles.DROP_HUB_ID + ", " + BenchmarkFiles.HUMANEVAL_HUB_ID, false);
    }

    private static Path snapshot(HubClient hub, String id, List<String> patterns) throws IOException {
        Path folder = hub.snapshot(id, RepoType.DATASET, "main", patterns);
        if (!Files.isDirectory(folder)) {
            throw new IOException(id + ": the Hub snapshot " + folder + " is not a folder");
        }
        return folder;
    }
}
