package org.peftrepro.reports;

import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;

import java.time.Instant;

/**
 * Small run records for tests: table1, quick scale, paper fidelity unless a test says otherwise.
 */
final class TestRecords {

    private TestRecords() {}

    /** A finished run whose primary metric has {@code value} (a fraction). */
    static RunRecord.Builder ok(String method, String task, long seed, double value) {
        return RunRecord.builder(method + "-" + task + "-seed" + seed)
                .table("table1")
                .task(task)
                .method(method)
                .seed(seed)
                .scale(Scale.QUICK)
                .fidelity(Fidelity.PAPER)
                .primary(primaryMetricOf(task), value)
                .finishedAt(Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** A failed run. */
    static RunRecord.Builder failed(String method, String task, long seed) {
        return RunRecord.builder(method + "-" + task + "-seed" + seed)
                .table("table1")
                .task(task)
                .method(method)
                .seed(seed)
                .scale(Scale.QUICK)
                .fidelity(Fidelity.PAPER)
                .failed("loss became NaN at step 12")
                .finishedAt(Instant.parse("2025-01-01T00:00:00Z"));
    }

    static String primaryMetricOf(String task) {
        return switch (task) {
            case "cola" -> "matthews_correlation";
            case "stsb" -> "pearson";
            default -> "accuracy";
        };
    }
}
