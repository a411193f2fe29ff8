package org.peftrepro.reports;

import org.jsoup.nodes.Entities;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The HTML form of a report: one self-contained page with both tables, a grouped bar chart and a
 * heatmap. plotly.js is inlined and a Content-Security-Policy forbids every fetch, so the page
 * opens offline and nothing it does leaves the machine.
 */
public final class HtmlReport {

    // Chart ids double as JavaScript variable names in Tablesaw's script (target_<id>), so no
    // dashes.

    /** id of the grouped bar chart's element. */
    public static final String BAR_CHART_ID = "scores_by_task";

    /** id of the heatmap's element. */
    public static final String HEATMAP_ID = "score_heatmap";

    /** id of our results table. */
    public static final String RESULTS_TABLE_ID = "results";

    /** id of the published-numbers table. */
    public static final String PUBLISHED_TABLE_ID = "published";

    // Inline scripts and styles only; no fetch of any kind (scripts, images, fonts, XHR) is
    // allowed.
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:;"
                    + " font-src data:";

    private static final String STYLE =
            """
      body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
      table { border-collapse: collapse; margin: 1em 0; font-variant-numeric: tabular-nums; }
      th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; white-space: nowrap; }
      th { background: #f3f3f3; }
      td.label, th.label { text-align: left; }
      .warning { background: #fff3cd; border: 1px solid #d39e00; padding: 0.5em 1em; font-weight: bold; }
      .legend, .provenance { color: #555; max-width: 60em; }
      .chart { max-width: 1100px; }
      """;

    private HtmlReport() {}

    /** The page, with plotly.js from {@link PlotlyBundle#load()}. */
    public static String render(ResultTable table) {
        return render(table, PlotlyBundle.load());
    }

    public static String render(ResultTable table, PlotlyBundle plotly) {
        ReportHeading heading = table.heading();
        StringBuilder page = new StringBuilder(plotly.inlineScript().length() + 64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CONTENT_SECURITY_POLICY)
                .append("\">\n");
        page.append("<title>").append(escape(heading.titleWithWarning())).append("</title>\n");
        page.append("<style>\n").append(STYLE).append("</style>\n");
        page.append("<script>\n/* plotly.js ")
                .append(plotly.version())
                .append(" (MIT license), from the org.webjars.npm:plotly.js-dist WebJar */\n")
                .append(plotly.inlineScript())
                .append("\n</script>\n</head>\n<body>\n");

        page.append("<h1>").append(escape(heading.title())).append("</h1>\n");
        warning(heading, page);
        page.append("<p class=\"provenance\">")
                .append(escape(RunProvenance.describe(table.grid().records())))
                .append("</p>\n");

        page.append("<h2>Our results</h2>\n");
        warning(heading, page);
        page.append("<p class=\"legend\">")
                .append(escape(ReportHeading.RESULTS_LEGEND))
                .append("</p>\n");
        page.append(htmlTable(table.results(), RESULTS_TABLE_ID, 1)).append('\n');

        page.append("<h2>Published numbers</h2>\n");
        warning(heading, page);
        page.append("<p class=\"legend\">")
                .append(escape(heading.publishedLegend()))
                .append("</p>\n");
        page.append(htmlTable(table.versusPublished(), PUBLISHED_TABLE_ID, 2)).append('\n');

        page.append("<h2>Charts</h2>\n");
        warning(heading, page);
        chart(page, BAR_CHART_ID, ResultCharts.groupedBars(table.grid(), heading));
        chart(page, HEATMAP_ID, ResultCharts.heatmap(table.grid(), heading));
        page.append("</body>\n</html>\n");
        return page.toString();
    }

    private static void chart(StringBuilder page, String id, Figure figure) {
        page.append("<div id=\"").append(id).append("\" class=\"chart\"></div>\n");
        // asJavascript gives the <script> element that draws the figure into the element with this
        // id.
        page.append(figure.asJavascript(id)).append('\n');
    }

    private static void warning(ReportHeading heading, StringBuilder page) {
        heading.warning()
                .ifPresent(
                        w ->
                                page.append("<p class=\"warning\">")
                                        .append(escape(w))
                                        .append("</p>\n"));
    }

    /**
     * The table as an HTML element by Tablesaw's writer, text escaped, label columns marked for
     * left alignment. The Note column is left out: the page shows the synthetic-data warning as a
     * banner right above each table.
     */
    private static String htmlTable(Table withNote, String id, int labelColumns) {
        Table table = ResultTable.withoutNote(withNote);
        return HtmlTables.render(table, id, column -> table.columnIndex(column) < labelColumns);
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
