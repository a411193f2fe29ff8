package org.peftrepro.evaluation.metrics;

/**
 * The unbiased estimator of pass@k from n samples of which c pass (Chen et al., 2021):
 * {@code 1 - C(n - c, k) / C(n, k)}, computed as {@code 1 - prod_{i = n - c + 1}^{n} (1 - k / i)}, which needs no
 * large binomials.
 */
public final class PassAtK {
    private PassAtK() {}

    public static double estimate(int n, int c, int k) {
        if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
            throw new IllegalArgumentException("pass@k needs 0 <= c <= n and 1 <= k <= n, got n=" + n + ", c=" + c + ", k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double fail = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            fail *= 1.0 - (double) k / i;
        }
        return 1.0 - fail;
    }
}
