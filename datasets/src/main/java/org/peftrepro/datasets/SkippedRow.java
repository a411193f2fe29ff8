package org.peftrepro.datasets;

import java.nio.file.Path;

/**
 * A row left out while reading a published file that is known to hold a few malformed rows.
 *
 * @param file the file
 * @param line 1-based line (the header is line 1)
 * @param reason why the row was left out
 */
public record SkippedRow(Path file, long line, String reason) {

    @Override
    public String toString() {
        return file + " line " + line + ": " + reason;
    }
}
