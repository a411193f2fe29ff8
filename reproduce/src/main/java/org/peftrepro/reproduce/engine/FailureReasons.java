package org.peftrepro.reproduce.engine;

/**
 * A failed run's reason as one readable line: the exception's type and the first line of its message, the
 * deepest cause's when the top one says nothing. libtorch's errors carry a C++ stack trace after their first
 * line ("Exception raised from ... frame #0 ..."), which a results table has no use for.
 */
public final class FailureReasons {
    private static final int MAX_LENGTH = 400;

    private FailureReasons() {}

    public static String oneLine(Throwable e) {
        Throwable shown = e;
        while ((shown.getMessage() == null || shown.getMessage().isBlank()) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? "" : shown.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        int torchTrace = message.indexOf("Exception raised from");
        if (torchTrace > 0) {
            message = message.substring(0, torchTrace).strip();
        }
        String line = shown.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH - 3) + "..." : line;
    }
}
