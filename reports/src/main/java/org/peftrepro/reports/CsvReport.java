package org.peftrepro.reports;

import java.io.StringWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/** The CSV form of a table, written by Tablesaw. */
public final class CsvReport {

    private CsvReport() {}

    /** The table as CSV text with a header line. */
    public static String render(Table table) {
        StringWriter out = new StringWriter();
        table.write().usingOptions(CsvWriteOptions.builder(out).header(true).lineEnd("\n").build());
        return out.toString();
    }
}
