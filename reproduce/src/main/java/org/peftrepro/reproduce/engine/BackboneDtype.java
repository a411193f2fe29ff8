package org.peftrepro.reproduce.engine;

import java.util.Arrays;
import java.util.Locale;

/** How the frozen backbone's weight matrices are stored; the method and its optimizer state stay in float32. */
public enum BackboneDtype {
    FLOAT32("float32"),
    /** Half precision for the frozen matrices (mixed precision, for GPUs; the official LLaMA runs are fp16). */
    FLOAT16("float16");

    private final String wireName;

    BackboneDtype(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static BackboneDtype parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wireName.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--backbone-dtype must be float32 or float16, got '"
                        + value + "'"));
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
