package org.peftrepro.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.peftrepro.hub.io.AtomicFiles;

/** Writes a results table in every form: Markdown, CSV, and one self-contained HTML page. */
public final class Reports {

    private Reports() {}

    /**
     * Writes {@code <table>.md}, {@code <table>.csv} (our results), {@code <table>-published.csv}
     * (published numbers with our differences) and {@code <table>.html} into {@code outDir}, each
     * atomically.
     */
    public static ReportFiles writeAll(List<RunRecord> records, Path outDir, ReportOptions options)
            throws IOException {
        ResultTable table = ResultTable.from(records, options);
        String name = options.table();
        ReportFiles files =
                new ReportFiles(
                        outDir.resolve(name + ".md"),
                        outDir.resolve(name + ".csv"),
                        outDir.resolve(name + "-published.csv"),
                        outDir.resolve(name + ".html"));
        AtomicFiles.writeString(files.markdown(), MarkdownReport.render(table));
        AtomicFiles.writeString(files.csv(), CsvReport.render(table.results()));
        AtomicFiles.writeString(files.publishedCsv(), CsvReport.render(table.versusPublished()));
        AtomicFiles.writeString(files.html(), HtmlReport.render(table));
        return files;
    }

    /** The report as plain text for the console. */
    public static String printable(List<RunRecord> records, ReportOptions options) {
        return PrintableReport.render(ResultTable.from(records, options));
    }

    /** The files {@link #writeAll} wrote. */
    public record ReportFiles(Path markdown, Path csv, Path publishedCsv, Path html) {}
}
