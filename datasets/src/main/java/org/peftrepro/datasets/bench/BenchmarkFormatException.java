package org.peftrepro.datasets.bench;

import java.io.IOException;
import java.nio.file.Path;

/** A benchmark file that is not in its public format; the message names the file and, where one is at fault, the row. */
public final class BenchmarkFormatException extends IOException {

    /**
     * @param row 1-based row of the file, or 0 when the file as a whole is at fault
     */
    public BenchmarkFormatException(Path file, long row, String problem) {
        super(row > 0 ? file + " row " + row + ": " + problem : file + ": " + problem);
    }
}
