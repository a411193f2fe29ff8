package org.peftrepro.benchmarks;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The singular values of a low-rank module M = B A the way the official LoR2C code gets them: form the d x d
 * product and take its full SVD, O(d^3). The suite's {@code ShapeOfFeatureSpace} gets the same values through an
 * r x r core; this is the baseline it is measured against.
 */
public final class FullSvdRoute {
    private FullSvdRoute() {}

    /**
     * All d singular values of B A, descending (the last d - r are zero up to rounding).
     *
     * @param a A as (r, d) row-major
     * @param b B as (d, r) row-major
     */
    public static double[] singularValues(float[] a, float[] b, int r, int d) {
        DMatrixRMaj bMat = new DMatrixRMaj(d, r);
        DMatrixRMaj aMat = new DMatrixRMaj(r, d);
        for (int i = 0; i < b.length; i++) {
            bMat.data[i] = b[i];
        }
        for (int i = 0; i < a.length; i++) {
            aMat.data[i] = a[i];
        }
        DMatrixRMaj product = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(bMat, aMat, product);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, false, false, true);
        if (!svd.decompose(product)) {
            throw new ArithmeticException("SVD of the " + d + "x" + d + " product did not converge");
        }
        double[] values = svd.getSingularValues().clone();
        Arrays.sort(values);
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
