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
     * E.g. "Runs: 3 (1 failed). Model: roberta-base@main. Data: glue@v1. Device: cpu(). Commit:
     * 1a2b3c." Parts a record does not fill are left out; several distinct values are joined with
     * ", ".
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
        part(
                out,
                "Data",
                records,
                r -> r.data() == null ? null : ref(r.data().source(), r.data().revision()));
        part(out, "Device", records, RunRecord::device);
        part(out, "Commit", records, RunRecord::gitCommit);
        return out.toString();
    }

    private static String ref(String id, String revision) {
        if (id == null) {
            return null;
        }
        return revision == null ? id : id + "@" + revision;
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
