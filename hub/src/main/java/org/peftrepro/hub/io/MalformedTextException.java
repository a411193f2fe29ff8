package org.peftrepro.hub.io;

import java.io.IOException;

/**
 * Text (a file, a bundled resource, a response body) that is not valid UTF-8 or not valid JSON. The message
 * names the source, and the line and column when they are known: {@code config.json: not valid JSON (line 3,
 * column 7): Unexpected character ('}' (code 125))}.
 */
public class MalformedTextException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long column;
    private final String problem;

    /**
     * @param source what was read, as messages name it (usually the file's path)
     * @param line 1-based line of the fault, 0 when unknown
     * @param column 1-based column (in characters) of the fault, 0 when unknown
     * @param problem what is wrong, e.g. "not valid JSON: Unexpected character"
     */
    public MalformedTextException(String source, long line, long column, String problem, Throwable cause) {
        super(source + ": " + withLocation(problem, line, column), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    /** 1-based, 0 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based, 0 when unknown. */
    public long column() {
        return column;
    }

    /** What is wrong, without the source: for callers that name the source their own way. */
    public String problem() {
        return problem;
    }

    /** {@link #problem()} with the line and column, when known, after its first clause. */
    public String problemWithLocation() {
        return withLocation(problem, line, column);
    }

    private static String withLocation(String problem, long line, long column) {
        if (line <= 0) {
            return problem;
        }
        String location = "(line " + line + (column > 0 ? ", column " + column : "") + ")";
        int colon = problem.indexOf(':');
        return colon < 0 ? problem + " " + location
                : problem.substring(0, colon) + " " + location + problem.substring(colon);
    }
}
