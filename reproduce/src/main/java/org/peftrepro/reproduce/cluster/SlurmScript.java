package org.peftrepro.reproduce.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.peftrepro.hub.io.AtomicFiles;

/**
 * Writes the two {@code sbatch} scripts of a plan: a job array whose every task is a {@link Worker} on the
 * shared results folder, and a report job to submit with {@code --dependency=afterany:<array job id>}. They are
 * plain scripts, meant to be read and edited for a site (modules, a container, more CPUs or memory).
 *
 * <p>Tasks claim runs rather than being given one, so an array may have fewer tasks than the plan has runs, a
 * requeued or preempted task ({@code --requeue}) simply claims again, and the run of a task that died is taken
 * over by another once its claim goes stale. Logs go to {@code <results>/slurm/logs}, appended to across
 * requeues.
 */
public final class SlurmScript {

    /** The folder under the results folder that holds the scripts and their logs. */
    public static final String FOLDER = "slurm";

    private static final Duration REPORT_TIME = Duration.ofMinutes(30);
    // Words the shell takes as they are; anything else is single-quoted.
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private final SlurmOptions options;
    private final Path results;
    private final Path workingDirectory;
    private final DjlCache djlCache;
    private final List<String> workerCommand;
    private final List<String> reportCommand;

    /**
     * @param results the shared results folder, as the compute nodes see it
     * @param workingDirectory where the commands run ({@code --chdir})
     * @param djlCache the shared DJL cache the jobs load libtorch from offline; null to leave DJL to its defaults
     * @param workerCommand the command of one worker, e.g. {@code java ... table1 <options> --worker --plan PLAN.json}
     * @param reportCommand the command that builds the reports from the records
     */
    public SlurmScript(SlurmOptions options, Path results, Path workingDirectory, DjlCache djlCache,
            List<String> workerCommand, List<String> reportCommand) {
        if (workerCommand.isEmpty() || reportCommand.isEmpty()) {
            throw new IllegalArgumentException("the worker and the report command must not be empty");
        }
        this.options = options;
        this.results = results.toAbsolutePath();
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.djlCache = djlCache;
        this.workerCommand = List.copyOf(workerCommand);
        this.reportCommand = List.copyOf(reportCommand);
        for (Path path : new Path[] {this.results, this.workingDirectory}) {
            // #SBATCH lines are read by sbatch, not by the shell: keep their paths to one word.
            if (path.toString().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("Slurm's #SBATCH lines cannot hold the path '" + path
                        + "': use a folder whose path has no spaces");
            }
        }
    }

    public SlurmOptions options() {
        return options;
    }

    public Path folder() {
        return results.resolve(FOLDER);
    }

    public Path logs() {
        return folder().resolve("logs");
    }

    /** The job array of {@code tasks} workers. */
    public String workerScript(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("a job array needs at least one task, not " + tasks);
        }
        String name = options.jobName();
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# " + name + ": the workers of a plan, as a Slurm job array. Every task is one worker on the shared");
        lines.add("# results folder " + results + ": it claims the plan's runs one at a time (in claims/) until none");
        lines.add("# is left. A requeued or preempted task claims again; the run of a task that died is taken over");
        lines.add("# by another task once its claim goes stale.");
        lines.add("#");
        lines.add("# Submit it, then the report job, which starts once every task has ended, whether or not it failed:");
        lines.add("#   jobid=$(sbatch --parsable " + workersFile() + ")");
        lines.add("#   sbatch --dependency=afterany:$jobid " + reportFile());
        lines.add("#");
        lines.add("#SBATCH --job-name=" + name);
        int parallel = options.arrayParallel();
        lines.add("#SBATCH --array=0-" + (tasks - 1) + (parallel > 0 && parallel < tasks ? "%" + parallel : ""));
        lines.add("#SBATCH --ntasks=1");
        if (options.gpusPerTask() > 0) {
            lines.add("#SBATCH --gpus-per-task=" + options.gpusPerTask());
        }
        lines.addAll(sharedDirectives(options.time()));
        lines.add("#SBATCH --requeue");
        lines.add("#SBATCH --open-mode=append");
        lines.add("#SBATCH --output=" + logs().resolve(name + "-%A_%a.out"));
        lines.add("");
        lines.add("set -euo pipefail");
        if (djlCache != null) {
            lines.add("");
            lines.add("# Compute nodes without internet: DJL loads libtorch from a cache filled beforehand (see the README,");
            lines.add("# \"GPU nodes without internet\"), and neither DJL nor the Hub client downloads anything.");
            exports(lines, djlCache.offlineEnvironment(options.gpusPerTask() > 0));
        }
        lines.add("");
        lines.add("exec " + shellWords(workerCommand));
        return String.join("\n", lines) + "\n";
    }

    /** The job that builds the reports from the stored records. */
    public String reportScript() {
        String name = options.jobName() + "-report";
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# " + name + ": builds the reports from the records in " + results + ".");
        lines.add("# Submitted with --dependency=afterany:<job id of " + workersFile().getFileName() + ">.");
        lines.add("#SBATCH --job-name=" + name);
        lines.add("#SBATCH --ntasks=1");
        lines.addAll(sharedDirectives(REPORT_TIME));
        lines.add("#SBATCH --output=" + logs().resolve(name + "-%j.out"));
        lines.add("");
        lines.add("set -euo pipefail");
        lines.add("exec " + shellWords(reportCommand));
        return String.join("\n", lines) + "\n";
    }

    /** Writes both scripts for {@code tasks} workers, and the log folder Slurm writes into but does not create. */
    public Written write(int tasks) throws IOException {
        Files.createDirectories(logs());
        AtomicFiles.writeString(workersFile(), workerScript(tasks));
        AtomicFiles.writeString(reportFile(), reportScript());
        return new Written(workersFile(), reportFile(), tasks);
    }

    private Path workersFile() {
        return folder().resolve(options.jobName() + "-workers.sbatch");
    }

    private Path reportFile() {
        return folder().resolve(options.jobName() + "-report.sbatch");
    }

    private List<String> sharedDirectives(Duration time) {
        List<String> lines = new ArrayList<>();
        lines.add("#SBATCH --time=" + SlurmOptions.formatTime(time));
        if (options.partition() != null) {
            lines.add("#SBATCH --partition=" + options.partition());
        }
        if (options.account() != null) {
            lines.add("#SBATCH --account=" + options.account());
        }
        lines.add("#SBATCH --chdir=" + workingDirectory);
        return lines;
    }

    private static void exports(List<String> lines, Map<String, String> environment) {
        environment.forEach((name, value) -> lines.add("export " + name + "=" + shellWord(value)));
    }

    static String shellWords(List<String> words) {
        return String.join(" ", words.stream().map(SlurmScript::shellWord).toList());
    }

    static String shellWord(String word) {
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The scripts as written.
     *
     * @param workers the job array's script
     * @param report the report job's script
     * @param tasks the array's task count
     */
    public record Written(Path workers, Path report, int tasks) {}
}
