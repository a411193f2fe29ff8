package org.peftrepro.methods.lor2c;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * SFS, the "shape of feature space" score of a low-rank module M = B A (d x d, rank <= r), from its
 * singular values. They need no d x d SVD: with B = Q_B R_B and A^T = Q_A R_A (thin QR), B A = Q_B (R_B
 * R_A^T) Q_A^T, and the singular values of B A are those of the r x r matrix R_B R_A^T: O(d r^2), not O(d^3).
 */
public final class ShapeOfFeatureSpace {
    /** The score's form. */
    public enum Form {
        /** (s_1 + ... + s_k) / (s_1 + ... + s_d): the official code's k > 0 (its first commits used k = 2). */
        TOP_K_SHARE,
        /** 1 - top-k share: a reading of the paper's definition. */
        SPREAD,
        /** (s_1 + ... + s_d) / d: the official code's k = 0, its current default. */
        MEAN;

        public static Form parse(String value) {
            return switch (value) {
                case "top-k-share" -> TOP_K_SHARE;
                case "spread" -> SPREAD;
                case "mean" -> MEAN;
                default -> throw new IllegalArgumentException("sfs must be top-k-share|spread|mean, got " + value);
            };
        }
    }

    private ShapeOfFeatureSpace() {}

    /**
     * Singular values of B A in descending order (r of them; the other d - r are zero).
     *
     * @param a A as (r, d) row-major
     * @param b B as (d, r) row-major
     */
    public static double[] singularValues(float[] a, float[] b, int r, int d) {
        DMatrixRMaj bMat = new DMatrixRMaj(d, r);
        DMatrixRMaj aT = new DMatrixRMaj(d, r);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < r; j++) {
                bMat.set(i, j, b[i * r + j]);
                aT.set(i, j, a[j * d + i]);
            }
        }
        DMatrixRMaj rB = upperR(bMat, d, r);
        DMatrixRMaj rA = upperR(aT, d, r);
        DMatrixRMaj core = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransB(rB, rA, core);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(r, r, false, false, true);
        if (!svd.decompose(core)) {
            throw new ArithmeticException("SVD of the " + r + "x" + r + " core did not converge");
        }
        double[] values = Arrays.copyOf(svd.getSingularValues(), Math.min(r, d));
        Arrays.sort(values);
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }

    /** The score from descending singular values; {@code d} counts the zero ones too. */
    public static double score(Form form, int k, double[] descending, int d) {
        double total = Arrays.stream(descending).sum();
        if (form == Form.MEAN) {
            return total / d;
        }
        if (total == 0) {
            return form == Form.TOP_K_SHARE ? 0 : 1; // B = 0 at init: no direction dominates
        }
        double top = 0;
        for (int i = 0; i < Math.min(k, descending.length); i++) {
            top += descending[i];
        }
        double share = top / total;
        return form == Form.TOP_K_SHARE ? share : 1 - share;
    }

    /** R of the thin QR of an (rows x cols) matrix, rows >= cols. */
    private static DMatrixRMaj upperR(DMatrixRMaj m, int rows, int cols) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
        if (!qr.decompose(m.copy())) {
            throw new ArithmeticException("QR decomposition failed");
        }
        return qr.getR(null, true);
    }
}
