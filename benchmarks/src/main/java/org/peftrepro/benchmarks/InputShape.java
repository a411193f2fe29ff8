package org.peftrepro.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peftrepro.hub.io.Ints;

/**
 * A batch of {@code batch} sequences of {@code length} tokens, written {@code 32x128}: one JMH parameter, so
 * that the GPU set's 64 x 256 does not also run as 32 x 256 and 64 x 128.
 */
public record InputShape(int batch, int length) {
    private static final Pattern FORM = Pattern.compile("(\\d+)x(\\d+)");

    /** The papers' GLUE batch at the length most tasks are padded to. */
    public static final InputShape DEFAULT = new InputShape(32, 128);
    /** The second shape of the GPU set (the longer cap of the official code). */
    public static final InputShape LARGE = new InputShape(64, 256);

    public InputShape {
        if (batch <= 0 || length < 2) {
            throw new IllegalArgumentException("input shape " + batch + "x" + length
                    + ": batch must be positive and length at least 2 (<s> and </s>)");
        }
    }

    public static InputShape parse(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("input shape '" + value + "' is not BATCHxLENGTH (e.g. 32x128)");
        }
        try {
            return new InputShape(Ints.parseInt(m.group(1)), Ints.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("input shape '" + value + "': " + e.getMessage());
        }
    }

    public long tokens() {
        return (long) batch * length;
    }

    @Override
    public String toString() {
        return batch + "x" + length;
    }
}
