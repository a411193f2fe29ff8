package org.peftrepro.reproduce.cluster;

import java.io.IOException;

/** Whether a run already has its record in the results store, e.g. {@code id -> store.find(id).isPresent()}. */
@FunctionalInterface
public interface RecordedRuns {
    boolean isRecorded(String runId) throws IOException;
}
