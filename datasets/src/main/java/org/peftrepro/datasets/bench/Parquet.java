package org.peftrepro.datasets.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark parquet files through DuckDB's JDBC driver, as {@code HubParquetReader} reads GLUE: rows of named
 * columns in, typed rows out. Lists come back as {@code List<String>}; a struct's fields are selected as
 * {@code column.field}. Writing goes through newline-delimited JSON that DuckDB converts with the Hub's column types,
 * which gives the same bytes for the same rows.
 */
final class Parquet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Parquet() {}

    /** One row by column name: strings, longs, or lists of strings. */
    record Row(Path file, long number, Map<String, Object> values) {
        String string(String column) throws BenchmarkFormatException {
            Object value = values.get(column);
            if (!(value instanceof String text)) {
                throw new BenchmarkFormatException(file, number, "column '" + column + "' is " + describe(value) + ", not text");
            }
            return text;
        }

        long integer(String column) throws BenchmarkFormatException {
            Object value = values.get(column);
            if (!(value instanceof Number n) || n.doubleValue() != n.longValue()) {
                throw new BenchmarkFormatException(file, number, "column '" + column + "' is " + describe(value)
                        + ", not an integer");
            }
            return n.longValue();
        }

        @SuppressWarnings("unchecked")
        List<String> strings(String column) throws BenchmarkFormatException {
            Object value = values.get(column);
            if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
                throw new BenchmarkFormatException(file, number, "column '" + column + "' is " + describe(value)
                        + ", not a list of text");
            }
            return (List<String>) list;
        }

        private static String describe(Object value) {
            return value == null ? "null" : "\"" + value + "\"";
        }
    }

    /**
     * Reads {@code columns} (expressions such as {@code answers_spans.spans} are named by their last part) of every
     * row of a parquet file, in file order.
     */
    static List<Row> read(Path file, List<String> columns) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such benchmark file");
        }
        List<String> present = columnsOf(file);
        for (String column : columns) {
            String top = column.contains(".") ? column.substring(0, column.indexOf('.')) : column;
            if (!present.contains(top)) {
                throw new BenchmarkFormatException(file, 0, "no column '" + top + "' (found " + present + ")");
            }
        }
        String select = "SELECT " + String.join(", ", columns.stream().map(Parquet::quoted).toList()) + " FROM read_parquet(?)";
        List<Row> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, file.toString());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        String name = columns.get(i).substring(columns.get(i).lastIndexOf('.') + 1);
                        values.put(name, value(result.getObject(i + 1)));
                    }
                    rows.add(new Row(file, rows.size() + 1L, values));
                }
            }
        } catch (SQLException e) {
            throw new BenchmarkFormatException(file, 0, "not a readable parquet file: " + e.getMessage());
        }
        return rows;
    }

    /**
     * Writes rows as a parquet file with the given DuckDB column types, e.g. {@code question VARCHAR},
     * {@code choices VARCHAR[]}, {@code answers_spans STRUCT(spans VARCHAR[], types VARCHAR[])}.
     */
    static void write(Path file, Map<String, String> columnTypes, List<Map<String, Object>> rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path lines = Files.createTempFile(file.toAbsolutePath().getParent(), ".rows-", ".jsonl");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
                for (Map<String, Object> row : rows) {
                    out.write(JSON.writeValueAsString(row));
                    out.write('\n');
                }
            }
            List<String> types = new ArrayList<>();
            columnTypes.forEach((name, type) -> types.add(quoted(name) + ": '" + type.replace("'", "''") + "'"));
            String copy = "COPY (SELECT * FROM read_json(" + literal(lines) + ", format = 'newline_delimited', columns = {"
                    + String.join(", ", types) + "})) TO " + literal(file) + " (FORMAT PARQUET)";
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                statement.execute(copy);
            } catch (SQLException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(lines);
        }
    }

    private static List<String> columnsOf(Path file) throws IOException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement statement = connection.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
            statement.setString(1, file.toString());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString("column_name"));
                }
            }
        } catch (SQLException e) {
            throw new BenchmarkFormatException(file, 0, "not a readable parquet file: " + e.getMessage());
        }
        return columns;
    }

    private static Object value(Object raw) throws SQLException {
        if (raw instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(value(element));
            }
            return list;
        }
        return raw;
    }

    /** A column name, or a struct field path {@code a.b}, quoted part by part. */
    private static String quoted(String column) {
        return String.join(".", Arrays.stream(column.split("\\.")).map(p -> '"' + p.replace("\"", "\"\"") + '"').toList());
    }

    private static String literal(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }
}
