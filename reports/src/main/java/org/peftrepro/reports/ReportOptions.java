package org.peftrepro.reports;

import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;

import java.util.List;
import java.util.Objects;

/**
 * What a report covers and how.
 *
 * @param table the paper table to report, e.g. {@code table1}; records of other tables are left out
 * @param scale only records of this scale, or null for all
 * @param fidelity only records of this fidelity, or null for all
 * @param methodOrder row order; methods not named here follow alphabetically
 * @param published published numbers to compare with
 */
public record ReportOptions(
        String table,
        Scale scale,
        Fidelity fidelity,
        List<String> methodOrder,
        PublishedNumbers published) {

    public ReportOptions {
        Objects.requireNonNull(table, "table");
        methodOrder = List.copyOf(methodOrder);
        Objects.requireNonNull(published, "published");
    }

    /**
     * Table 1 of every scale and fidelity, in the papers' row order, against the bundled published
     * numbers.
     */
    public static ReportOptions defaults() {
        return forTable("table1");
    }

    /**
     * One table of every scale and fidelity, in the papers' row order, against the bundled
     * published numbers.
     */
    public static ReportOptions forTable(String table) {
        return new ReportOptions(
                table, null, null, MethodCatalog.PAPER_ORDER, PublishedNumbers.bundled());
    }

    public ReportOptions withScale(Scale value) {
        return new ReportOptions(table, value, fidelity, methodOrder, published);
    }

    public ReportOptions withFidelity(Fidelity value) {
        return new ReportOptions(table, scale, value, methodOrder, published);
    }

    public ReportOptions withMethodOrder(List<String> value) {
        return new ReportOptions(table, scale, fidelity, value, published);
    }

    public ReportOptions withPublished(PublishedNumbers value) {
        return new ReportOptions(table, scale, fidelity, methodOrder, value);
    }
}
