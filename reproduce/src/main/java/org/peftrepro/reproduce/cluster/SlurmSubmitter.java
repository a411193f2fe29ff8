package org.peftrepro.reproduce.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Submits a plan's scripts through {@code sbatch --parsable}: the job array of workers, then the report job
 * with {@code --dependency=afterany:<array job id>}.
 */
public final class SlurmSubmitter {
    private static final long SBATCH_TIMEOUT_SECONDS = 120;

    private final String sbatch;
    private final Map<String, String> environment;

    /** {@code sbatch} from the {@code PATH}, in this process's environment. */
    public SlurmSubmitter() {
        this("sbatch", Map.of());
    }

    /**
     * @param sbatch the {@code sbatch} program, a name looked up on the {@code PATH} or a path
     * @param environment variables added to this process's environment for {@code sbatch}, e.g. {@code SLURM_CONF}
     */
    public SlurmSubmitter(String sbatch, Map<String, String> environment) {
        this.sbatch = sbatch;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Submits what is missing of a plan: nothing when every run is recorded, else an array with the tasks the
     * missing runs need (runs being run by an earlier, still running array stay claimed by it) and its report
     * job. So a second submission after failed or preempted tasks runs only the runs without a record.
     */
    public Optional<JobIds> submitMissing(List<String> planRunIds, RecordedRuns recorded, SlurmScript script)
            throws IOException {
        int missing = 0;
        for (String runId : planRunIds) {
            if (!recorded.isRecorded(runId)) {
                missing++;
            }
        }
        if (missing == 0) {
            return Optional.empty();
        }
        return Optional.of(submit(script.write(script.options().arrayTasks(missing))));
    }

    /** Submits the job array, then the report job to run once every task of the array has ended. */
    public JobIds submit(SlurmScript.Written scripts) throws IOException {
        String workers = sbatch(scripts.workers());
        String report = sbatch(scripts.report(), "--dependency=afterany:" + workers);
        return new JobIds(workers, report, scripts.tasks());
    }

    /** Runs {@code sbatch --parsable [options] script} and returns the job id it prints. */
    public String sbatch(Path script, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(sbatch, "--parsable"));
        command.addAll(List.of(options));
        command.add(script.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + sbatch + " (" + e.getMessage() + "): submit from a machine with"
                    + " Slurm's client commands, or submit " + script + " by hand", e);
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(SBATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(sbatch + " did not answer in " + SBATCH_TIMEOUT_SECONDS + " s for " + script);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + sbatch + " submitted " + script, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(sbatch + " refused " + script + " (exit " + process.exitValue() + "): "
                    + lastLine(output));
        }
        // --parsable prints "jobid" or "jobid;cluster", possibly after warnings on lines of their own.
        String id = lastLine(output).split(";", 2)[0].strip();
        if (!id.matches("\\d+")) {
            throw new IOException(sbatch + " printed no job id for " + script + ": " + output);
        }
        return id;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }

    /**
     * The jobs of one submission.
     *
     * @param workers the job array's id
     * @param report the report job's id
     * @param tasks the array's task count
     */
    public record JobIds(String workers, String report, int tasks) {}
}
