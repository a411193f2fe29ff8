package org.peftrepro.datasets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a split of the Hub's {@code nyu-mll/glue} parquet files through DuckDB's JDBC driver (one
 * self-contained artifact that reads every parquet encoding the Hub writes, with no Hadoop
 * libraries). Every shard {@code <config>/<split>-*.parquet} is read in name order.
 */
final class HubParquetReader implements AutoCloseable {

    private static final String LABEL_COLUMN = "label";

    private final GlueTask task;
    private final Connection connection;

    HubParquetReader(GlueTask task) throws IOException {
        this.task = task;
        try {
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IOException("cannot start DuckDB to read parquet files: " + e.getMessage(), e);
        }
    }

    GlueSplit read(Path folder, String split) throws IOException {
        Path configFolder = folder.resolve(task.hubConfig());
        List<Path> shards = shardsOf(configFolder, split);
        List<Example> examples = new ArrayList<>();
        for (Path shard : shards) {
            readShard(shard, examples);
        }
        if (examples.isEmpty()) {
            throw new GlueFormatException(shards.get(shards.size() - 1), 0, "row", "no examples in the "
                    + split + " split");
        }
        return new GlueSplit(split, examples, shards, List.of());
    }

    private static List<Path> shardsOf(Path configFolder, String split) throws IOException {
        String pattern = split + "-*.parquet";
        if (!Files.isDirectory(configFolder)) {
            throw new NoSuchFileException(configFolder.resolve(pattern).toString(), null,
                    "no such folder in the Hub parquet layout");
        }
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(configFolder, pattern)) {
            entries.forEach(shards::add);
        }
        if (shards.isEmpty()) {
            throw new NoSuchFileException(configFolder.resolve(pattern).toString(), null, "no parquet shard");
        }
        shards.sort(null);
        return shards;
    }

    private void readShard(Path shard, List<Example> examples) throws IOException {
        List<String> columns = columnsOf(shard);
        List<String> needed = new ArrayList<>();
        needed.add(task.textAColumn());
        if (task.isPair()) {
            needed.add(task.textBColumn());
        }
        needed.add(LABEL_COLUMN);
        for (String column : needed) {
            if (!columns.contains(column)) {
                throw new GlueFormatException(shard, 0, "row", "no column '" + column + "' (found " + columns + ")");
            }
        }
        String select = "SELECT " + String.join(", ", needed.stream().map(c -> '"' + c + '"').toList())
                + " FROM read_parquet(?)";
        long row = 0;
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, shard.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row++;
                    examples.add(toExample(examples.size(), rows, shard, row));
                }
            }
        } catch (SQLException e) {
            throw new GlueFormatException(shard, row + 1, "row", "unreadable: " + e.getMessage());
        }
    }

    private Example toExample(int index, ResultSet rows, Path shard, long row) throws SQLException,
            GlueFormatException {
        String textA = rows.getString(1);
        String textB = task.isPair() ? rows.getString(2) : null;
        Object label = rows.getObject(task.isPair() ? 3 : 2);
        // Empty strings are kept: the Hub's conversion keeps them (a few QQP questions are empty).
        if (textA == null || (task.isPair() && textB == null)) {
            throw new GlueFormatException(shard, row, "row", "missing sentence (null in column '"
                    + (textA == null ? task.textAColumn() : task.textBColumn()) + "')");
        }
        if (!(label instanceof Number number)) {
            throw new GlueFormatException(shard, row, "row", "label " + label + " is not a number");
        }
        if (task.isRegression()) {
            double score = number.doubleValue();
            if (!(score >= GlueTask.MIN_SCORE && score <= GlueTask.MAX_SCORE)) {
                throw new GlueFormatException(shard, row, "row", "score " + score + " is not in "
                        + GlueTask.MIN_SCORE + ".." + GlueTask.MAX_SCORE);
            }
            return Example.scored(index, textA, textB, (float) score);
        }
        long id = number.longValue();
        if (id != number.doubleValue() || id < 0 || id >= task.labelNames().size()) {
            throw new GlueFormatException(shard, row, "row", "label " + label + " is not a class id of "
                    + task.displayName() + " (0.." + (task.labelNames().size() - 1) + " = " + task.labelNames()
                    + "; -1 marks the unlabelled test split)");
        }
        return Example.classified(index, textA, textB, (int) id);
    }

    private List<String> columnsOf(Path shard) throws IOException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
            statement.setString(1, shard.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString("column_name"));
                }
            }
        } catch (SQLException e) {
            throw new GlueFormatException(shard, 0, "row", "not a readable parquet file: " + e.getMessage());
        }
        return columns;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("closing DuckDB: " + e.getMessage(), e);
        }
    }
}
