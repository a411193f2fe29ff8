package org.peftrepro.reproduce.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Who holds a claim: the host and process, and a worker id that says which worker that is to a person
 * reading the claims folder (a Slurm array task, or a host and pid).
 */
public record ClaimOwner(String host, long pid, String workerId) {

    /** This process; the worker id names the Slurm array task or job when there is one. */
    public static ClaimOwner ofThisProcess() {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        return new ClaimOwner(host, pid, workerId(System.getenv(), host, pid));
    }

    /** The same host and process under another worker id, e.g. one worker per GPU of a process. */
    public ClaimOwner withWorkerId(String id) {
        return new ClaimOwner(host, pid, id);
    }

    static String workerId(Map<String, String> environment, String host, long pid) {
        String arrayJob = environment.get("SLURM_ARRAY_JOB_ID");
        String arrayTask = environment.get("SLURM_ARRAY_TASK_ID");
        if (arrayJob != null && arrayTask != null) {
            return "slurm-" + arrayJob + "_" + arrayTask;
        }
        String job = environment.get("SLURM_JOB_ID");
        if (job != null) {
            return "slurm-" + job;
        }
        return host + "-" + pid;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A node whose own name does not resolve still has a name; the claim only reports it.
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "unknown-host";
        }
    }
}
