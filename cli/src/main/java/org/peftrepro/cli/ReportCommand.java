package org.peftrepro.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.peftrepro.reports.ReportOptions;
import org.peftrepro.reports.Reports;
import org.peftrepro.reports.RunRecord;
import org.peftrepro.reports.RunStore;
import org.peftrepro.reports.SettingsGroups;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Rebuilds every report of a table from its stored run records alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild the reports (Markdown, CSV, HTML) of a table from the run records in --results.")
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--results", required = true, paramLabel = "DIR", description = "A table's --out folder (its runs/ holds the records).")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the reports (default: the --results folder).")
    Path out;

    @Option(names = "--table", defaultValue = "table1", description = "Default: ${DEFAULT-VALUE}.")
    String table;

    @Option(names = "--settings", paramLabel = "N", description = "Which group of records to report when the folder "
            + "holds runs made under several settings (1: the newest, the default); the groups are listed.")
    Integer settings;

    @Override
    public Integer call() throws Exception {
        Path runs = Files.isDirectory(results.resolve("runs")) ? results.resolve("runs") : results;
        if (!Files.isDirectory(runs)) {
            throw new IllegalArgumentException("--results " + results + (Files.exists(runs)
                    ? ": is a file, not a folder of run records" : ": no such folder"));
        }
        List<RunRecord> records = new RunStore(runs).readAll().stream().filter(r -> table.equals(r.table())).toList();
        if (records.isEmpty()) {
            throw new IllegalArgumentException(runs + ": no run records of " + table);
        }
        List<SettingsGroups.Group> groups = SettingsGroups.of(records);
        int chosen = settings == null ? 1 : settings;
        if (chosen < 1 || chosen > groups.size()) {
            throw new IllegalArgumentException("--settings " + chosen + ": " + runs + " holds " + groups.size()
                    + (groups.size() == 1 ? " group" : " groups") + " of records");
        }
        PrintWriter console = spec.commandLine().getOut();
        if (groups.size() > 1) {
            console.println(runs + " holds runs made under " + groups.size() + " settings; reporting [" + chosen
                    + "] (another: --settings N):");
            for (int i = 0; i < groups.size(); i++) {
                console.println("  [" + (i + 1) + "] " + groups.get(i).describe());
            }
        }
        records = groups.get(chosen - 1).records();
        ReportOptions options = ReportOptions.forTable(table).withScale(records.get(0).scale()).withFidelity(records.get(0).fidelity());
        Path target = out != null ? out : results;
        Reports.ReportFiles files = Reports.writeAll(records, target, options);
        console.println(Reports.printable(records, options));
        console.println("wrote " + files.markdown() + ", " + files.csv() + ", " + files.html());
        return 0;
    }
}
