package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import java.util.List;
import java.util.OptionalDouble;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Charts of a results grid as Tablesaw {@link Figure}s: scores grouped by task, and a method × task
 * heatmap. Both show the mean over seeds; tasks without a score are left blank (NaN, which plotly
 * draws as a gap).
 */
public final class ResultCharts {

    /** Wide enough for eight task groups and a title that carries the synthetic-data warning. */
    private static final int CHART_WIDTH = 1000;

    private ResultCharts() {}

    /** Bars of each method's mean score, grouped by task. */
    public static Figure groupedBars(ResultGrid grid, ReportHeading heading) {
        Object[] tasks = taskHeaders();
        Trace[] traces =
                grid.rows().stream()
                        .map(
                                row ->
                                        BarTrace.builder(tasks, means(row))
                                                .name(row.displayName())
                                                .showLegend(true)
                                                .build())
                        .toArray(Trace[]::new);
        Layout layout =
                Layout.builder()
                        .title(chartTitle("scores by task", grid, heading))
                        .barMode(Layout.BarMode.GROUP)
                        .width(CHART_WIDTH)
                        .height(480)
                        .xAxis(Axis.builder().title("Task").build())
                        .yAxis(Axis.builder().title("Primary metric × 100").build())
                        .build();
        return new Figure(layout, traces);
    }

    /** A heatmap of mean scores, methods top to bottom in table order, tasks left to right. */
    public static Figure heatmap(ResultGrid grid, ReportHeading heading) {
        List<MethodRow> rows = grid.rows();
        int n = rows.size();
        // plotly draws the first z row at the bottom; reversing puts the table's first method on
        // top.
        Object[] methods = new Object[n];
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            MethodRow row = rows.get(n - 1 - i);
            methods[i] = row.displayName();
            z[i] = means(row);
        }
        Layout layout =
                Layout.builder()
                        .title(chartTitle("mean score per method and task", grid, heading))
                        .width(CHART_WIDTH)
                        .height(Math.max(320, 120 + 40 * n))
                        .margin(Margin.builder().left(160).build())
                        .build();
        return new Figure(layout, HeatmapTrace.builder(taskHeaders(), methods, z).build());
    }

    /**
     * "Table 1: scores by task", with the synthetic-data warning when it applies; the page title
     * says the rest.
     */
    private static String chartTitle(String what, ResultGrid grid, ReportHeading heading) {
        String title = ReportHeading.tableDisplayName(grid.table()) + ": " + what;
        return heading.warning().map(w -> title + " (" + w + ")").orElse(title);
    }

    private static Object[] taskHeaders() {
        List<GlueTask> tasks = TaskColumns.ORDER;
        Object[] headers = new Object[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            headers[i] = tasks.get(i).displayName();
        }
        return headers;
    }

    private static double[] means(MethodRow row) {
        List<GlueTask> tasks = TaskColumns.ORDER;
        double[] means = new double[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            OptionalDouble mean = row.cell(tasks.get(i)).mean();
            means[i] = mean.isPresent() ? mean.getAsDouble() : Double.NaN;
        }
        return means;
    }
}
