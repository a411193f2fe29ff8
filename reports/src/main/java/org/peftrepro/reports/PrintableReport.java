package org.peftrepro.reports;

import tech.tablesaw.api.Table;

/** The plain-text form of a report, for the console. */
public final class PrintableReport {

    private PrintableReport() {}

    public static String render(ResultTable table) {
        ReportHeading heading = table.heading();
        StringBuilder out = new StringBuilder();
        out.append(heading.title()).append('\n');
        out.append("=".repeat(heading.title().length())).append('\n');
        out.append(RunProvenance.describe(table.grid().records())).append("\n\n");
        section(out, heading, table.results(), ReportHeading.RESULTS_LEGEND);
        out.append('\n');
        section(out, heading, table.versusPublished(), heading.publishedLegend());
        return out.toString();
    }

    private static void section(
            StringBuilder out, ReportHeading heading, Table table, String legend) {
        heading.warning().ifPresent(w -> out.append("!! ").append(w).append(" !!\n"));
        // The warning stands above each table on the console; repeating it on every row would only
        // widen the table.
        out.append(ResultTable.withoutNote(table).printAll()).append('\n');
        out.append(legend).append('\n');
    }
}
