package org.peftrepro.reports;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One line saying which runs a table counts and what they ran on, so that a reader can tell two
 * reports apart.
 */
public final class RunProvenance {

    private RunProvenance() {}

    /**
     * E.g. "Runs: 3 (1 failed). Model: roberta-base@hub:...@1a2b. Data: nyu-mll/glue. Device: cpu(). Commit:
     * 1a2b3c." Parts a record does not fill are left out; several distinct values are joined with
     * ", ". Data is named by its source: each task has its own revision, which the records keep.
     */
    public static String describe(List<RunRecord> records) {
        long failed = records.stream().filter(r -> !r.succeeded()).count();
        StringBuilder out = new StringBuilder("Runs: ").append(records.size());
        if (failed > 0) {
            out.append(" (").append(failed).append(" failed)");
        }
        out.append('.');
        part(
                out,
                "Model",
                records,
                r -> r.model() == null ? null : ref(r.model().id(), r.model().revision()));
        part(out, "Data", records, r -> r.data() == null ? null : r.data().source());
        part(out, "Device", records, RunRecord::device);
        part(
                out,
                "Commit",
                records,
                r ->
                        r.gitCommit() == null
                                ? null
                                : r.gitCommit()
                                        + (Boolean.TRUE.equals(r.workingTreeModified())
                                                ? " (with uncommitted changes)"
                                                : ""));
        return out.toString();
    }

    /** A content hash is shortened to 12 hex digits, as git shortens commits. */
    private static String ref(String id, String revision) {
        if (id == null) {
            return null;
        }
        if (revision == null) {
            return id;
        }
        String shown =
                revision.matches("sha256:[0-9a-f]{64}") ? revision.substring(0, 19) : revision;
        return id + "@" + shown;
    }

    private static void part(
            StringBuilder out,
            String label,
            List<RunRecord> records,
            Function<RunRecord, String> value) {
        Set<String> values = new TreeSet<>();
        records.stream().map(value).filter(Objects::nonNull).forEach(values::add);
        if (!values.isEmpty()) {
            out.append(' ')
                    .append(label)
                    .append(": ")
                    .append(String.join(", ", values))
                    .append('.');
        }
    }
}
