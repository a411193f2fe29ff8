package org.peftrepro.datasets;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The examples of the small GLUE fixtures: src/test/resources/glue-tsv holds them as GLUE TSV files,
 * and {@link #writeHubParquet} writes them as the Hub's parquet files (same columns and types as
 * {@code nyu-mll/glue}).
 */
final class GlueFixtures {

    private GlueFixtures() {
    }

    static Path tsvFolder() {
        try {
            return Path.of(GlueFixtures.class.getResource("/glue-tsv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expected examples of a split, with the Hub's label ids. */
    static List<Example> expected(GlueTask task, String split) {
        return EXPECTED.get(task).get(split);
    }

    private static Example single(int index, String text, int label) {
        return Example.classified(index, text, null, label);
    }

    private static Example pair(int index, String a, String b, int label) {
        return Example.classified(index, a, b, label);
    }

    private static Example scored(int index, String a, String b, float score) {
        return Example.scored(index, a, b, score);
    }

    private static final Map<GlueTask, Map<String, List<Example>>> EXPECTED = Map.of(
            GlueTask.COLA, Map.of(
                    "train", List.of(single(0, "The cat sat on the mat.", 1), single(1, "The cat the mat on sat.", 0),
                            single(2, "She said \"hello\" to them.", 1)),
                    "validation", List.of(single(0, "Him went home.", 0), single(1, "They went home.", 1))),
            GlueTask.SST2, Map.of(
                    "train", List.of(single(0, "a gripping , funny film ", 1), single(1, "dull and \"lifeless\"", 0),
                            single(2, "it 's a charmer", 1)),
                    "validation", List.of(single(0, "not worth the ticket", 0), single(1, "a quiet triumph", 1))),
            GlueTask.MRPC, Map.of(
                    "train", List.of(
                            pair(0, "The company said profits rose .", "Profits rose , the company said .", 1),
                            pair(1, "Shares fell 5 percent on Monday .",
                                    "The index closed higher on \"strong\" earnings .", 0),
                            pair(2, "He left at noon .", "He departed at midday .", 1)),
                    "validation", List.of(pair(0, "It rained .", "The sun was out .", 0),
                            pair(1, "She won the race .", "The race was won by her .", 1))),
            GlueTask.STSB, Map.of(
                    "train", List.of(scored(0, "A plane is taking off.", "An air plane is taking off.", 5.0f),
                            scored(1, "A man is playing a flute.", "A man is playing a bamboo flute.", 3.8f),
                            scored(2, "Stocks fall.", "Cats sleep.", 0.0f)),
                    "validation", List.of(
                            scored(0, "A man is playing the cello.", "A man seated is playing the cello.", 4.25f),
                            scored(1, "Dogs run.", "A dog runs.", 4.5f))),
            GlueTask.QQP, Map.of(
                    "train", List.of(pair(0, "How do I learn Java?", "What is the best way to learn Java?", 1),
                            pair(1, "Why is the sky blue?", "How far is the moon?", 0),
                            pair(2, "What is \"quoted\" text?", "What does quoted text mean?", 1)),
                    "validation", List.of(pair(0, "Is tea healthy?", "Is green tea good for you?", 1),
                            pair(1, "Who wrote Hamlet?", "Where is Paris?", 0))),
            GlueTask.MNLI, Map.of(
                    "train", List.of(
                            pair(0, "The report covers two regions.", "The report was written by \"experts\".", 1),
                            pair(1, "He opened the door slowly.", "He opened the door.", 0),
                            pair(2, "The museum is closed on Mondays.", "The museum is open every day.", 2)),
                    "validation_matched", List.of(pair(0, "The team won twice.", "The team won.", 0),
                            pair(1, "I don't like rain.", "I love rain.", 2)),
                    "validation_mismatched", List.of(
                            pair(0, "Please send money today.", "The letter asks for money.", 0),
                            pair(1, "The word is old.", "The word comes from Latin.", 1))),
            GlueTask.QNLI, Map.of(
                    "train", List.of(pair(0, "When did the war end?", "The war ended in 1945.", 0),
                            pair(1, "What is the capital?", "The river flows north.", 1),
                            pair(2, "Who said \"no\"?", "Mary said \"no\" to the offer.", 0)),
                    "validation", List.of(pair(0, "Where is the tower?", "The tower stands in Paris.", 0),
                            pair(1, "How tall is it?", "It was painted red.", 1))),
            GlueTask.RTE, Map.of(
                    "train", List.of(pair(0, "Dana bought a red car.", "Dana owns a car.", 0),
                            pair(1, "The bridge was closed.", "The bridge is new.", 1),
                            pair(2, "Sam \"won\" the prize.", "Sam lost.", 1)),
                    "validation", List.of(pair(0, "The cat sleeps.", "An animal sleeps.", 0),
                            pair(1, "It is noon.", "It is midnight.", 1))));

    /** Writes every fixture split as {@code <folder>/<config>/<split>-00000-of-00001.parquet}. */
    static void writeHubParquet(Path folder) throws Exception {
        for (GlueTask task : GlueTask.values()) {
            for (Map.Entry<String, List<Example>> split : EXPECTED.get(task).entrySet()) {
                Path file = folder.resolve(task.hubConfig()).resolve(split.getKey() + "-00000-of-00001.parquet");
                writeParquet(task, split.getValue(), file);
            }
        }
    }

    /**
     * Writes examples as the Hub stores them: string sentence columns, {@code label} as int64 (float
     * for STS-B), {@code idx} as int32.
     */
    static void writeParquet(GlueTask task, List<Example> examples, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        String labelType = task.isRegression() ? "FLOAT" : "BIGINT";
        String columns = task.isPair()
                ? '"' + task.textAColumn() + "\" VARCHAR, \"" + task.textBColumn() + "\" VARCHAR"
                : '"' + task.textAColumn() + "\" VARCHAR";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE split (" + columns + ", label " + labelType + ", idx INTEGER)");
            String placeholders = task.isPair() ? "?, ?, ?, ?" : "?, ?, ?";
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO split VALUES (" + placeholders + ")")) {
                for (Example example : examples) {
                    int column = 1;
                    insert.setString(column++, example.textA());
                    if (task.isPair()) {
                        insert.setString(column++, example.textB());
                    }
                    if (task.isRegression()) {
                        insert.setFloat(column++, example.score());
                    } else {
                        insert.setLong(column++, example.label());
                    }
                    insert.setInt(column, example.index());
                    insert.execute();
                }
            }
            statement.execute("COPY split TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        }
    }

    /** Writes the rows of a DuckDB query as a parquet file, for files the Hub would never publish. */
    static void writeParquetQuery(String query, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + query + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        }
    }
}
