package org.peftrepro.benchmarks;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peftrepro.hub.io.StrictJson;

/** Reads the JSON result file JMH writes ({@code -rf json}) into one {@link Entry} per benchmark and parameter set. */
public final class JmhResults {
    private JmhResults() {}

    /**
     * A score with its unit and every measured iteration's value.
     *
     * @param iterations the values of the measured iterations, all forks together
     */
    public record Metric(double score, String unit, double[] iterations) {
        /** The median of the measured iterations (the score when there are none). */
        public double median() {
            if (iterations.length == 0) {
                return score;
            }
            double[] sorted = iterations.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /**
     * @param benchmark the benchmark's class and method, e.g. {@code MethodBenchmark.train}
     * @param mode JMH's short form: avgt, ss, thrpt, sample
     */
    public record Entry(String benchmark, String mode, Map<String, String> params, Metric primary,
            Map<String, Metric> secondary) {

        public String param(String key) {
            String value = params.get(key);
            if (value == null) {
                throw new IllegalArgumentException(benchmark + " has no parameter " + key + " (it has " + params.keySet() + ")");
            }
            return value;
        }

        public Optional<Metric> secondary(String name) {
            return Optional.ofNullable(secondary.get(name));
        }
    }

    public static List<Entry> read(Path file) throws IOException {
        JsonNode root = StrictJson.read(file, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS); // JMH writes NaN scores as NaN
        if (!root.isArray()) {
            throw new IOException(file + ": not a JMH JSON result (expected an array of benchmarks)");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            entries.add(entry(root.get(i), file + " [" + i + "]"));
        }
        return entries;
    }

    private static Entry entry(JsonNode node, String where) throws IOException {
        String benchmark = required(node, "benchmark", where).asText();
        String simple = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            params.put(p.getKey(), p.getValue().asText());
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            secondary.put(m.getKey(), metric(m.getValue()));
        }
        return new Entry(simple, required(node, "mode", where).asText(), params,
                metric(required(node, "primaryMetric", where)), secondary);
    }

    private static Metric metric(JsonNode node) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : node.path("rawData")) {
            for (JsonNode v : fork) {
                values.add(v.asDouble());
            }
        }
        return new Metric(node.path("score").asDouble(Double.NaN), node.path("scoreUnit").asText(""),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static JsonNode required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IOException(where + ": no field \"" + field + "\"");
        }
        return value;
    }
}
