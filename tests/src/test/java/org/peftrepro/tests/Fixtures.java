package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/** The reference fixtures (HF transformers / PEFT outputs) shipped under src/test/resources/fixtures. */
final class Fixtures {
    private Fixtures() {}

    static Path folder(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture folder " + name + " is missing from the test resources", e);
        }
    }

    /** Max |actual - expected| within {@code tolerance}, shapes equal; the message names the tensor. */
    static void assertClose(String name, NDArray actual, NDArray expected, double tolerance) {
        assertThat(actual.getShape()).as("shape of %s", name).isEqualTo(expected.getShape());
        float[] a = actual.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] e = expected.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double maxError = 0;
        for (int i = 0; i < a.length; i++) {
            maxError = Math.max(maxError, Math.abs((double) a[i] - e[i]));
        }
        assertThat(maxError).as("max abs error of %s (expected %s...)", name,
                Arrays.toString(Arrays.copyOf(e, Math.min(4, e.length)))).isLessThanOrEqualTo(tolerance);
    }

    /** PEFT's rule: within {@code abs} absolute, or {@code rel} relative to the largest expected element. */
    static void assertCloseAbsOrRel(String name, NDArray actual, NDArray expected, double abs, double rel) {
        float[] e = expected.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double largest = 0;
        for (float v : e) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertClose(name, actual, expected, Math.max(abs, rel * largest));
    }
}
