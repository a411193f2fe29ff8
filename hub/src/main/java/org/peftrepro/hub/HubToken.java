package org.peftrepro.hub;

import java.util.Objects;

/**
 * An access token for the Hub together with where it was read from.
 *
 * <p>The value never appears in {@link #toString()}, so a token cannot leak through a log line, an exception
 * message or the {@code toString} of a record that holds it. Messages name {@link #source()} instead.
 */
public final class HubToken {
    private final String value;
    private final String source;

    /**
     * @param value  the secret, without surrounding whitespace
     * @param source where it came from, for messages: {@code "HF_TOKEN"} or the token file's path
     */
    public HubToken(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty Hub token from " + source);
        }
    }

    /** The secret itself: only for the {@code Authorization} header. */
    public String value() {
        return value;
    }

    /** Where the token was read from ({@code HF_TOKEN} or a file path); safe to print. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HubToken token && token.value.equals(value) && token.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, source);
    }

    @Override
    public String toString() {
        return "HubToken[from " + source + ", value hidden]";
    }
}
