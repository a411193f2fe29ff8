package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One method's results across the GLUE tasks.
 *
 * @param method method name as in the run records
 * @param displayName the name the table prints, as the papers spell it
 * @param cells the runs per task; tasks without runs are absent
 * @param params trainable parameters without the head, over the method's runs; empty when no run
 *     recorded them
 */
public record MethodRow(
        String method, String displayName, Map<GlueTask, ScoreCell> cells, Optional<ParamRange> params) {

    public MethodRow {
        cells = cells.isEmpty() ? Map.of() : new EnumMap<>(cells);
    }

    /** The runs on one task; {@link ScoreCell#EMPTY} when there are none. */
    public ScoreCell cell(GlueTask task) {
        return cells.getOrDefault(task, ScoreCell.EMPTY);
    }

    /**
     * Mean of the per-task means over the tasks that have a score, as the papers' Avg column (which
     * also averages over the tasks a row has). Empty when no task has a score.
     */
    public OptionalDouble average() {
        return cells.values().stream()
                .map(ScoreCell::mean)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .average();
    }

    /**
     * Smallest and largest trainable parameter count (head excluded) among a method's runs; they
     * differ when, for example, a method sizes its modules per task.
     */
    public record ParamRange(long min, long max) {

        public ParamRange {
            if (min > max) {
                throw new IllegalArgumentException("min " + min + " > max " + max);
            }
        }

        /** "0.29M", or "0.29M–0.31M" when the runs differ in what the table would print. */
        public String format() {
            String low = NumberFormats.millions(min);
            String high = NumberFormats.millions(max);
            return low.equals(high) ? low : low + "–" + high;
        }

        /** This range widened to include {@code count}. */
        public ParamRange including(long count) {
            return new ParamRange(Math.min(min, count), Math.max(max, count));
        }
    }
}
