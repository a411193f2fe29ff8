package org.peftrepro.reproduce.cluster;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Slurm job array of workers asks the scheduler for.
 *
 * @param jobName the job's name in {@code squeue}; the report job is {@code <jobName>-report}
 * @param partition {@code --partition}, or null for the cluster's default
 * @param account {@code --account}, or null for the user's default
 * @param gpusPerTask {@code --gpus-per-task}; 0 asks for none
 * @param time {@code --time}, each task's wall-clock limit
 * @param arrayParallel how many tasks may run at once ({@code --array=...%N}); 0 for no limit
 * @param runsPerTask runs per array task: 1 gives one task per missing run, more packs short runs
 */
public record SlurmOptions(String jobName, String partition, String account, int gpusPerTask, Duration time,
        int arrayParallel, int runsPerTask) {

    private static final Pattern TIME = Pattern.compile("(?:(\\d+)-)?(\\d+):(\\d{2}):(\\d{2})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** One partition or a comma-separated list, from which Slurm takes the first that can start the job. */
    private static final Pattern PARTITIONS = Pattern.compile("[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*");

    public SlurmOptions {
        if (jobName == null || !NAME.matcher(jobName).matches()) {
            throw new IllegalArgumentException("Slurm job name '" + jobName + "': use letters, digits, '.', '-' and '_'");
        }
        check("--partition", partition, PARTITIONS);
        check("--account", account, NAME);
        if (gpusPerTask < 0) {
            throw new IllegalArgumentException("--gpus-per-task must be 0 or more, not " + gpusPerTask);
        }
        if (time == null || time.toSeconds() < 1) {
            throw new IllegalArgumentException("--time must be a second or more, not " + time);
        }
        if (arrayParallel < 0) {
            throw new IllegalArgumentException("--array-parallel must be 0 (no limit) or more, not " + arrayParallel);
        }
        if (runsPerTask < 1) {
            throw new IllegalArgumentException("runs per task must be 1 or more, not " + runsPerTask);
        }
    }

    /** No partition or account named, no GPU, a day per task, no limit on parallel tasks, one run per task. */
    public static SlurmOptions defaults(String jobName) {
        return new SlurmOptions(jobName, null, null, 0, Duration.ofDays(1), 0, 1);
    }

    public SlurmOptions withPartition(String value) {
        return new SlurmOptions(jobName, value, account, gpusPerTask, time, arrayParallel, runsPerTask);
    }

    public SlurmOptions withAccount(String value) {
        return new SlurmOptions(jobName, partition, value, gpusPerTask, time, arrayParallel, runsPerTask);
    }

    public SlurmOptions withGpusPerTask(int value) {
        return new SlurmOptions(jobName, partition, account, value, time, arrayParallel, runsPerTask);
    }

    public SlurmOptions withTime(Duration value) {
        return new SlurmOptions(jobName, partition, account, gpusPerTask, value, arrayParallel, runsPerTask);
    }

    public SlurmOptions withArrayParallel(int value) {
        return new SlurmOptions(jobName, partition, account, gpusPerTask, time, value, runsPerTask);
    }

    public SlurmOptions withRunsPerTask(int value) {
        return new SlurmOptions(jobName, partition, account, gpusPerTask, time, arrayParallel, value);
    }

    /** How many array tasks the missing runs need: one per {@code runsPerTask} runs, rounded up. */
    public int arrayTasks(int missingRuns) {
        return (missingRuns + runsPerTask - 1) / runsPerTask;
    }

    /** Slurm's form of a time limit: {@code HH:MM:SS}, or {@code D-HH:MM:SS} from a day on. */
    public static String formatTime(Duration time) {
        long days = time.toDays();
        String clock = String.format("%02d:%02d:%02d", time.toHoursPart(), time.toMinutesPart(), time.toSecondsPart());
        return days > 0 ? days + "-" + clock : clock;
    }

    /** Reads {@code HH:MM:SS} or {@code D-HH:MM:SS}, as {@code --time} takes them. */
    public static Duration parseTime(String text) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--time '" + text + "': expected HH:MM:SS or D-HH:MM:SS, e.g. 12:00:00");
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        int minutes = Integer.parseInt(m.group(3));
        int seconds = Integer.parseInt(m.group(4));
        if (minutes > 59 || seconds > 59) {
            throw new IllegalArgumentException("--time '" + text + "': minutes and seconds go up to 59");
        }
        return Duration.ofDays(days).plusHours(Long.parseLong(m.group(2))).plusMinutes(minutes).plusSeconds(seconds);
    }

    private static void check(String option, String value, Pattern form) {
        if (value != null && !form.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " '" + value + "': use letters, digits, '.', '-' and '_'"
                    + (form == PARTITIONS ? ", and ',' between partitions" : ""));
        }
    }
}
