package org.peftrepro.reports;

import java.util.Objects;
import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.methods.spi.MethodRegistry;

/**
 * What a report covers and how.
 *
 * @param table the paper table to report, e.g. {@code table1}; records of other tables are left out
 * @param scale only records of this scale, or null for all
 * @param fidelity only records of this fidelity, or null for all
 * @param methods the registered methods: their row order and the names the tables print (records of a method no
 *     longer registered follow, by name)
 * @param published published numbers to compare with
 */
public record ReportOptions(
        String table,
        Scale scale,
        Fidelity fidelity,
        MethodRegistry methods,
        PublishedNumbers published) {

    public ReportOptions {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(published, "published");
    }

    /**
     * Table 1 of every scale and fidelity, in the registered methods' row order, against the bundled
     * published numbers.
     */
    public static ReportOptions defaults() {
        return forTable("table1");
    }

    /**
     * One table of every scale and fidelity, in the registered methods' row order, against the
     * bundled published numbers.
     */
    public static ReportOptions forTable(String table) {
        return new ReportOptions(
                table, null, null, MethodRegistry.load(), PublishedNumbers.bundled());
    }

    public ReportOptions withScale(Scale value) {
        return new ReportOptions(table, value, fidelity, methods, published);
    }

    public ReportOptions withFidelity(Fidelity value) {
        return new ReportOptions(table, scale, value, methods, published);
    }

    public ReportOptions withMethods(MethodRegistry value) {
        return new ReportOptions(table, scale, fidelity, value, published);
    }

    public ReportOptions withPublished(PublishedNumbers value) {
        return new ReportOptions(table, scale, fidelity, methods, value);
    }
}
