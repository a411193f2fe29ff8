package org.peftrepro.reproduce.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sbatch scripts of a plan, as a user reads them before submitting. */
class SlurmScriptTest {
    private static final List<String> WORKER = List.of("java", "-cp", "app.jar", "org.peftrepro.cli.Main", "table1",
            "--scale", "paper", "--device", "gpu", "--worker", "--plan", "/data/results/t1/plan.json");
    private static final List<String> REPORT = List.of("java", "-cp", "app.jar", "org.peftrepro.cli.Main", "report",
            "--results", "/data/results/t1");

    @TempDir
    Path temp;

    private SlurmScript script(SlurmOptions options) {
        return new SlurmScript(options, Path.of("/data/results/t1"), Path.of("/home/me/peft-repro"),
                new DjlCache(Path.of("/shared/djl")), WORKER, REPORT);
    }

    @Test
    void aGpuArrayOnAPartitionWithAnAccount() {
        SlurmOptions options = SlurmOptions.defaults("peft-table1").withPartition("gpu").withAccount("proj42")
                .withGpusPerTask(1).withTime(Duration.ofHours(12)).withArrayParallel(8);

        String text = script(options).workerScript(88);

        assertThat(text).startsWith("#!/bin/bash\n");
        assertThat(text.lines().filter(l -> l.startsWith("#SBATCH")).toList()).containsExactly(
                "#SBATCH --job-name=peft-table1",
                "#SBATCH --array=0-87%8",
                "#SBATCH --ntasks=1",
                "#SBATCH --gpus-per-task=1",
                "#SBATCH --time=12:00:00",
                "#SBATCH --partition=gpu",
                "#SBATCH --account=proj42",
                "#SBATCH --chdir=/home/me/peft-repro",
                "#SBATCH --requeue",
                "#SBATCH --open-mode=append",
                "#SBATCH --output=/data/results/t1/slurm/logs/peft-table1-%A_%a.out");
        assertThat(text).contains(
                "export DJL_CACHE_DIR=/shared/djl\n",
                "export DJL_OFFLINE=true\n",
                "export PYTORCH_VERSION=2.7.1\n",
                "export PYTORCH_FLAVOR=cu128\n",
                "export HF_HUB_OFFLINE=1\n",
                "set -euo pipefail\n",
                "#   jobid=$(sbatch --parsable /data/results/t1/slurm/peft-table1-workers.sbatch)\n",
                "#   sbatch --dependency=afterany:$jobid /data/results/t1/slurm/peft-table1-report.sbatch\n");
        assertThat(text).endsWith("\nexec java -cp app.jar org.peftrepro.cli.Main table1 --scale paper --device gpu"
                + " --worker --plan /data/results/t1/plan.json\n");
    }

    @Test
    void sbatchDirectivesComeBeforeTheFirstCommand() {
        // sbatch stops reading #SBATCH lines at the first line that is neither a comment nor blank.
        String text = script(SlurmOptions.defaults("t1")).workerScript(4);
        List<String> lines = text.lines().toList();
        int lastDirective = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#SBATCH")) {
                lastDirective = i;
            }
        }
        assertThat(lines.subList(1, lastDirective)).allMatch(l -> l.startsWith("#"));
    }

    @Test
    void aCpuArrayWithoutLimitsNamesNoGpuAndNoCudaBuild() {
        String text = script(SlurmOptions.defaults("t1")).workerScript(4);

        assertThat(text).contains("#SBATCH --array=0-3\n", "#SBATCH --time=1-00:00:00\n", "export DJL_CACHE_DIR=/shared/djl\n");
        assertThat(text).doesNotContain("--gpus-per-task", "--partition", "--account", "PYTORCH_FLAVOR");
    }

    @Test
    void aParallelLimitAboveTheTaskCountIsLeftOut() {
        assertThat(script(SlurmOptions.defaults("t1").withArrayParallel(8)).workerScript(3)).contains("#SBATCH --array=0-2\n");
    }

    @Test
    void theReportJobAsksForNoGpuAndRunsTheReportCommand() {
        SlurmOptions options = SlurmOptions.defaults("peft-table1").withPartition("gpu").withGpusPerTask(2);

        String text = script(options).reportScript();

        assertThat(text.lines().filter(l -> l.startsWith("#SBATCH")).toList()).containsExactly(
                "#SBATCH --job-name=peft-table1-report",
                "#SBATCH --ntasks=1",
                "#SBATCH --time=00:30:00",
                "#SBATCH --partition=gpu",
                "#SBATCH --chdir=/home/me/peft-repro",
                "#SBATCH --output=/data/results/t1/slurm/logs/peft-table1-report-%j.out");
        assertThat(text).endsWith("\nexec java -cp app.jar org.peftrepro.cli.Main report --results /data/results/t1\n");
    }

    @Test
    void wordsTheShellWouldSplitOrExpandAreQuoted() {
        assertThat(SlurmScript.shellWords(List.of("sh", "-c", "ls runs/*.json | wc -l", "it's", "--set", "lora.r=16")))
                .isEqualTo("sh -c 'ls runs/*.json | wc -l' 'it'\\''s' --set lora.r=16");
    }

    @Test
    void writesBothScriptsAndTheLogFolderSlurmDoesNotCreate() throws Exception {
        SlurmScript script = new SlurmScript(SlurmOptions.defaults("t1"), temp.resolve("results"), temp, null, WORKER, REPORT);

        SlurmScript.Written written = script.write(5);

        assertThat(written.workers()).isEqualTo(temp.resolve("results/slurm/t1-workers.sbatch"));
        assertThat(written.report()).isEqualTo(temp.resolve("results/slurm/t1-report.sbatch"));
        assertThat(Files.readString(written.workers())).isEqualTo(script.workerScript(5)).doesNotContain("DJL_");
        assertThat(Files.readString(written.report())).isEqualTo(script.reportScript());
        assertThat(temp.resolve("results/slurm/logs")).isDirectory();
    }

    @Test
    void pathsWithSpacesCannotGoIntoSbatchLines() {
        assertThatThrownBy(() -> new SlurmScript(SlurmOptions.defaults("t1"), Path.of("/data/my results"), temp, null,
                WORKER, REPORT)).hasMessageContaining("'/data/my results'");
    }
}
