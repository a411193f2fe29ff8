package org.peftrepro.datasets;

import java.io.IOException;
import java.nio.file.Path;

/** A GLUE file that cannot be read as its task's format; the message names the file and the line (or row). */
public class GlueFormatException extends IOException {

    private final Path file;
    private final long line;

    /**
     * @param file the file at fault
     * @param line 1-based line of a TSV file (the header is line 1) or 1-based row of a parquet file;
     *     0 when the problem is the file as a whole
     * @param unit "line" or "row", as the message should say
     * @param problem what is wrong
     */
    public GlueFormatException(Path file, long line, String unit, String problem) {
        super(line > 0 ? file + " " + unit + " " + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
