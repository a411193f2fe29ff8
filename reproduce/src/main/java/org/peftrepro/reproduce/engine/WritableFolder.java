package org.peftrepro.reproduce.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a folder exists or can be made, and that files can be written in it, before any work. */
public final class WritableFolder {
    private WritableFolder() {}

    /** @param option the command-line option that named it, for the message */
    public static void check(Path folder, String option) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way" : e.toString();
            throw new IllegalArgumentException(option + " " + folder + ": cannot write there (" + why + ")", e);
        }
    }
}
