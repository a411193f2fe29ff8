package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Numbers from the papers, read from a CSV file with the columns paper, table, method, task,
 * metric, value, params, source, second_hand. Lines starting with {@code #} are comments. The
 * bundled file ({@link #RESOURCE}) documents each column and where each number comes from.
 */
public final class PublishedNumbers {

    /** Class-path location of the bundled numbers. */
    public static final String RESOURCE = "/org/peftrepro/reports/published-numbers.csv";

    private static final List<String> COLUMNS =
            List.of(
                    "paper",
                    "table",
                    "method",
                    "task",
                    "metric",
                    "value",
                    "params",
                    "source",
                    "second_hand");

    private static final ColumnType[] COLUMN_TYPES = {
        ColumnType.STRING,
        ColumnType.STRING,
        ColumnType.STRING,
        ColumnType.STRING,
        ColumnType.STRING,
        ColumnType.DOUBLE,
        ColumnType.STRING,
        ColumnType.STRING,
        ColumnType.BOOLEAN
    };

    private final List<PublishedNumber> numbers;

    public PublishedNumbers(List<PublishedNumber> numbers) {
        this.numbers = List.copyOf(numbers);
    }

    /** The numbers bundled with this module, read once. */
    public static PublishedNumbers bundled() {
        return Bundled.NUMBERS;
    }

    /** Holder that reads the bundled file on first use. */
    private static final class Bundled {
        static final PublishedNumbers NUMBERS = readBundled();
    }

    private static PublishedNumbers readBundled() {
        try (InputStream in = PublishedNumbers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Resource " + RESOURCE + " is missing from the class path");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "published-numbers.csv");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /**
     * Reads numbers in the bundled file's format.
     *
     * @param sourceName file name for error messages
     * @throws IllegalArgumentException naming the file, the data row and the field at fault
     */
    public static PublishedNumbers read(Reader csv, String sourceName) {
        Table table =
                Table.read()
                        .usingOptions(
                                CsvReadOptions.builder(csv)
                                        .tableName(sourceName)
                                        .commentPrefix('#')
                                        .columnTypes(COLUMN_TYPES)
                                        .missingValueIndicator(""));
        if (!table.columnNames().equals(COLUMNS)) {
            throw new IllegalArgumentException(
                    sourceName
                            + ": header is "
                            + table.columnNames()
                            + ", expected "
                            + String.join(",", COLUMNS));
        }
        List<PublishedNumber> numbers = new ArrayList<>();
        for (Row row : table) {
            numbers.add(parse(row, sourceName));
        }
        return new PublishedNumbers(numbers);
    }

    private static PublishedNumber parse(Row row, String sourceName) {
        // Tablesaw drops comment lines, so the position is given among data rows: "data row 3" is
        // the third row under
        // the header.
        String where = sourceName + " data row " + (row.getRowNumber() + 1);
        String task = row.getString("task");
        GlueTask glueTask =
                TaskColumns.byName(task)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                where
                                                        + ": task '"
                                                        + task
                                                        + "' is not a GLUE short name"
                                                        + " (mnli, sst2, mrpc, cola, qnli, qqp, rte, stsb)"));
        for (String required : List.of("paper", "table", "method", "source")) {
            if (row.getString(required).isBlank()) {
                throw new IllegalArgumentException(where + ": field " + required + " is empty");
            }
        }
        if (row.isMissing("second_hand")) {
            throw new IllegalArgumentException(
                    where + ": field second_hand is empty (expected true or false)");
        }
        Optional<Double> value =
                row.isMissing("value") ? Optional.empty() : Optional.of(row.getDouble("value"));
        String params = row.getString("params");
        return new PublishedNumber(
                row.getString("paper"),
                row.getString("table"),
                row.getString("method"),
                glueTask,
                row.getString("metric"),
                value,
                params.isBlank() ? Optional.empty() : Optional.of(params),
                row.getString("source"),
                row.getBoolean("second_hand"));
    }

    /** All numbers, in file order. */
    public List<PublishedNumber> all() {
        return numbers;
    }

    /**
     * The numbers for one method in one of our tables, grouped by source in file order: one entry
     * per printed row of a paper.
     */
    public Map<String, List<PublishedNumber>> bySource(String table, String method) {
        Map<String, List<PublishedNumber>> grouped = new LinkedHashMap<>();
        for (PublishedNumber number : numbers) {
            if (number.table().equals(table) && number.method().equals(method)) {
                grouped.computeIfAbsent(number.source(), s -> new ArrayList<>()).add(number);
            }
        }
        return grouped;
    }
}
