package org.peftrepro.evaluation.metrics;

import java.util.Arrays;

/**
 * A maximum-weight assignment of rows to columns (each used at most once), what SciPy's
 * {@code linear_sum_assignment(-scores)} computes for DROP's multi-span F1. Neither Commons Math nor EJML has one;
 * this is the Hungarian method with potentials (Kuhn-Munkres, O(n^3)) on the matrix padded to a square with zeros,
 * which is exact. DROP's answers have a handful of spans, so n stays small.
 */
final class Assignment {
    private Assignment() {}

    /**
     * @param scores (rows, columns), any non-negative or negative values
     * @return for each row the column it gets, or -1 when there are more rows than columns and it gets none
     */
    static int[] maximize(double[][] scores) {
        int rows = scores.length;
        int columns = rows == 0 ? 0 : scores[0].length;
        int n = Math.max(rows, columns);
        if (n == 0) {
            return new int[0];
        }
        // Minimise cost = -score; indices 1..n, 0 is the sentinel of the classic formulation.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] match = new int[n + 1]; // match[column] = row
        int[] way = new int[n + 1];
        for (int row = 1; row <= n; row++) {
            match[0] = row;
            int column0 = 0;
            double[] minimum = new double[n + 1];
            Arrays.fill(minimum, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[column0] = true;
                int row0 = match[column0];
                double delta = Double.POSITIVE_INFINITY;
                int column1 = 0;
                for (int column = 1; column <= n; column++) {
                    if (!used[column]) {
                        double reduced = cost(scores, row0 - 1, column - 1) - u[row0] - v[column];
                        if (reduced < minimum[column]) {
                            minimum[column] = reduced;
                            way[column] = column0;
                        }
                        if (minimum[column] < delta) {
                            delta = minimum[column];
                            column1 = column;
                        }
                    }
                }
                for (int column = 0; column <= n; column++) {
                    if (used[column]) {
                        u[match[column]] += delta;
                        v[column] -= delta;
                    } else {
                        minimum[column] -= delta;
                    }
                }
                column0 = column1;
            } while (match[column0] != 0);
            do {
                int column1 = way[column0];
                match[column0] = match[column1];
                column0 = column1;
            } while (column0 != 0);
        }
        int[] columnOf = new int[rows];
        Arrays.fill(columnOf, -1);
        for (int column = 1; column <= n; column++) {
            int row = match[column] - 1;
            if (row < rows && column - 1 < columns) {
                columnOf[row] = column - 1;
            }
        }
        return columnOf;
    }

    /** Padding rows and columns cost nothing. */
    private static double cost(double[][] scores, int row, int column) {
        return row < scores.length && column < scores[row].length ? -scores[row][column] : 0;
    }
}
