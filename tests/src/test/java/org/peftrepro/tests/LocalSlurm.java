package org.peftrepro.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.peftrepro.reproduce.cluster.SlurmSubmitter;

/**
 * A one-node Slurm on this machine for the tests: munged, slurmctld and slurmd from Debian's packages ({@code munge},
 * {@code slurmctld}, {@code slurmd}, {@code slurm-client}; Slurm 22.05 on Debian 12), run as root with a fresh munge
 * key and a {@code slurm.conf} whose state, spool, logs and sockets all lie in one folder, on ports free at start.
 * The node is this machine with its real CPU count and memory ({@code slurmd -C}). Processes are tracked with
 * {@code proctrack/linuxproc} and tasks not bound ({@code task/none}), so no cgroups are needed.
 *
 * <p>When Slurm cannot start, {@link #start} throws with the reason and the end of the daemon's log: a test that
 * needs it fails, it is never skipped.
 */
final class LocalSlurm implements AutoCloseable {
    private static final List<String> PROGRAMS = List.of("munged", "slurmctld", "slurmd", "sbatch", "sinfo", "squeue",
            "scontrol", "scancel");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path folder;
    private final Path conf;
    private final List<Process> daemons = new ArrayList<>();

    private LocalSlurm(Path folder) {
        this.folder = folder;
        this.conf = folder.resolve("slurm.conf");
    }

    /** Starts munged, slurmctld and slurmd in {@code folder} and waits until the node is idle. */
    static LocalSlurm start(Path folder) throws Exception {
        for (String program : PROGRAMS) {
            if (which(program) == null) {
                throw new IllegalStateException("Slurm cannot start: " + program + " is not installed (apt-get install"
                        + " slurmctld slurmd slurm-client munge; .ci/run installs them)");
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("Slurm cannot start: the local cluster runs as root (SlurmUser=root), and"
                    + " this is " + System.getProperty("user.name"));
        }
        LocalSlurm slurm = new LocalSlurm(folder);
        try {
            slurm.startDaemons();
        } catch (Exception | AssertionError e) {
            slurm.close();
            throw e;
        }
        return slurm;
    }

    private void startDaemons() throws Exception {
        Path munge = Files.createDirectories(folder.resolve("munge"));
        Files.createDirectories(folder.resolve("state"));
        Files.createDirectories(folder.resolve("spool"));
        Files.createDirectories(folder.resolve("log"));
        Path key = munge.resolve("munge.key");
        byte[] secret = new byte[1024];
        new SecureRandom().nextBytes(secret);
        Files.write(key, secret);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        Path socket = munge.resolve("munge.socket");
        // --force: the folder lies under /tmp, which munged otherwise refuses as writable by all.
        daemon("munged", "munged", "--foreground", "--force", "--key-file=" + key, "--socket=" + socket,
                "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"),
                "--seed-file=" + munge.resolve("munged.seed"));
        await("munged's socket", () -> Files.exists(socket), "munged");

        String node = run("slurmd", "-C").lines().findFirst().orElseThrow();
        String host = node.replaceFirst("^NodeName=(\\S+).*", "$1");
        Files.writeString(conf, String.join("\n",
                "ClusterName=peft-test",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "SchedulerType=sched/builtin",
                "SchedulerParameters=sched_interval=1",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "MpiDefault=none",
                "ReturnToService=2",
                // Ended jobs stay listed by scontrol for the test's checks.
                "MinJobAge=3600",
                "StateSaveLocation=" + folder.resolve("state"),
                "SlurmdSpoolDir=" + folder.resolve("spool"),
                "SlurmctldPidFile=" + folder.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + folder.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + folder.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + folder.resolve("log/slurmd.log"),
                node + " NodeAddr=127.0.0.1 State=UNKNOWN",
                "PartitionName=peft Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP",
                ""));
        daemon("slurmctld", "slurmctld", "-D", "-f", conf.toString());
        daemon("slurmd", "slurmd", "-D", "-f", conf.toString());
        await("the node to be idle", () -> run("sinfo", "-h", "-o", "%T").strip().equals("idle"), "slurmctld", "slurmd");
    }

    /** The environment Slurm's commands need to reach this cluster. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    SlurmSubmitter submitter() {
        return new SlurmSubmitter("sbatch", environment());
    }

    /** Waits until none of the jobs is pending or running. */
    void awaitEnded(List<String> jobIds, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!run("squeue", "-h", "-j", String.join(",", jobIds), "-o", "%i %T").isBlank()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("jobs " + jobIds + " still queued after " + timeout + ":\n"
                        + run("squeue", "-j", String.join(",", jobIds)) + logTail("slurmctld"));
            }
            Thread.sleep(250);
        }
    }

    /** Every field scontrol shows of a job (one map per array task), e.g. JobState=COMPLETED, ExitCode=0:0. */
    List<Map<String, String>> jobs(String jobId) throws Exception {
        List<Map<String, String>> jobs = new ArrayList<>();
        for (String line : run("scontrol", "show", "job", "-o", jobId).strip().split("\\R")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : line.strip().split(" ")) {
                int equals = field.indexOf('=');
                if (equals > 0) {
                    fields.put(field.substring(0, equals), field.substring(equals + 1));
                }
            }
            jobs.add(fields);
        }
        return jobs;
    }

    /** Runs one of Slurm's commands against this cluster and returns what it printed. */
    String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(resolved(command)).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** Cancels what is still queued, then stops slurmd, slurmctld and munged. */
    @Override
    public void close() throws Exception {
        if (daemons.size() == 3) {
            try {
                String queued = run("squeue", "-h", "-o", "%A").strip();
                if (!queued.isEmpty()) {
                    List<String> cancel = new ArrayList<>(List.of("scancel"));
                    cancel.addAll(List.of(queued.split("\\s+")));
                    run(cancel.toArray(String[]::new));
                    awaitEnded(List.of(queued.split("\\s+")), Duration.ofSeconds(30));
                }
            } catch (Exception | AssertionError e) {
                System.err.println("Could not cancel the local Slurm's jobs: " + e.getMessage());
            }
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void daemon(String name, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(resolved(command)).redirectErrorStream(true)
                .redirectOutput(folder.resolve("log").resolve(name + ".out").toFile());
        builder.environment().putAll(environment());
        daemons.add(builder.start());
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private void await(String what, Check check, String... daemonNames) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("Slurm cannot start: " + daemon.info().command().orElse("a daemon")
                            + " exited with " + daemon.exitValue() + " while waiting for " + what
                            + logTails(daemonNames));
                }
            }
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IOException notYet) {
                // The controller does not answer before it is up.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Slurm cannot start: no " + what + " after " + START_TIMEOUT
                        + logTails(daemonNames));
            }
            Thread.sleep(200);
        }
    }

    private String logTails(String... daemonNames) throws IOException {
        StringBuilder tails = new StringBuilder();
        for (String name : daemonNames) {
            tails.append(logTail(name));
        }
        return tails.toString();
    }

    private String logTail(String name) throws IOException {
        StringBuilder tail = new StringBuilder();
        for (Path log : List.of(folder.resolve("log").resolve(name + ".out"), folder.resolve("log").resolve(name + ".log"),
                folder.resolve("munge").resolve(name + ".log"))) {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                tail.append("\n--- ").append(log).append(" (last lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        }
        return tail.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The command with its program found where Debian puts it, also when /usr/sbin is not on the PATH. */
    private static List<String> resolved(String... command) {
        List<String> resolved = new ArrayList<>(List.of(command));
        resolved.set(0, which(command[0]).toString());
        return resolved;
    }

    private static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
