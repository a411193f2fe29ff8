package org.peftrepro.reproduce.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * What a claim file says: which run, who holds it, since when, and when its holder last showed it was
 * alive. The token tells one claim of a run from a later claim of the same run.
 *
 * @param runId the claimed run
 * @param token unique to this claim; a holder only rewrites or removes the claim that carries its token
 * @param workerId the holder's worker id ({@link ClaimOwner#workerId()})
 * @param host the holder's host
 * @param pid the holder's process id on that host
 * @param startedAt when the claim was made
 * @param heartbeatAt when the holder last rewrote the claim
 */
public record ClaimInfo(String runId, String token, String workerId, String host, long pid, Instant startedAt,
        Instant heartbeatAt) {

    ClaimInfo withHeartbeat(Instant at) {
        return new ClaimInfo(runId, token, workerId, host, pid, startedAt, at);
    }

    /** Who holds it and how long ago it last beat, for messages: {@code slurm-17_3 (node12, pid 4711), 2m 5s ago}. */
    String describe(Instant now) {
        return workerId + " (" + host + ", pid " + pid + "), heartbeat " + ago(Duration.between(heartbeatAt, now));
    }

    static String ago(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + "s ago";
        }
        return (seconds / 60) + "m " + (seconds % 60) + "s ago";
    }
}
