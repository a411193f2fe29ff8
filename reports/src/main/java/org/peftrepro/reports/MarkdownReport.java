package org.peftrepro.reports;

import java.util.Set;

/**
 * The Markdown form of a report: title, warning, our results and the published numbers beside them.
 */
public final class MarkdownReport {

    private static final Set<String> TEXT_COLUMNS =
            Set.of(ResultTable.METHOD, ResultTable.SOURCE, ResultTable.NOTE);

    private MarkdownReport() {}

    public static String render(ResultTable table) {
        ReportHeading heading = table.heading();
        StringBuilder out = new StringBuilder();
        out.append("# ").append(heading.titleWithWarning()).append("\n\n");
        out.append(RunProvenance.describe(table.grid().records())).append("\n\n");
        out.append("## Our results\n\n");
        warning(heading, out);
        out.append(ReportHeading.RESULTS_LEGEND).append("\n\n");
        out.append(MarkdownTable.render(table.results(), TEXT_COLUMNS)).append('\n');
        out.append("## Published numbers\n\n");
        warning(heading, out);
        out.append(heading.publishedLegend()).append("\n\n");
        out.append(MarkdownTable.render(table.versusPublished(), TEXT_COLUMNS));
        return out.toString();
    }

    private static void warning(ReportHeading heading, StringBuilder out) {
        heading.warning().ifPresent(w -> out.append("> **").append(w).append("**\n\n"));
    }
}
