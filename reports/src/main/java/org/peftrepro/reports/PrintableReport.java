package org.peftrepro.reports;

/** The plain-text form of a report, for the console. */
public final class PrintableReport {

  private PrintableReport() {}

  public static String render(ResultTable table) {
    ReportHeading heading = table.heading();
    String rule = "=".repeat(Math.max(20, heading.title().length()));
    StringBuilder out = new StringBuilder();
    out.append(heading.title()).append('\n').append(rule).append('\n');
    heading.warning().ifPresent(w -> out.append("!! ").append(w).append(" !!\n"));
    out.append('\n').append(table.results().printAll()).append("\n\n");
    out.append(ReportHeading.RESULTS_LEGEND).append("\n\n");
    out.append(table.versusPublished().printAll()).append("\n\n");
    out.append(ReportHeading.PUBLISHED_LEGEND).append('\n');
    heading.warning().ifPresent(w -> out.append("!! ").append(w).append(" !!\n"));
    return out.toString();
  }
}
