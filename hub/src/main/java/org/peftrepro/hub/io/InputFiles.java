package org.peftrepro.hub.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks made before a file given by a user is read, so that the error says what is really wrong with it. */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Requires {@code file} to be a readable regular file (a link to one is fine).
     *
     * @param purpose why the file is needed, added to the message ("a model folder needs a config.json"), or null
     * @throws NoSuchFileException "FILE: no such file (PURPOSE)"
     * @throws FileSystemException "FILE: is a directory, not a file (PURPOSE)", or not a regular file, or not
     *     readable
     */
    public static void requireFile(Path file, String purpose) throws IOException {
        String why = purpose == null ? "" : " (" + purpose + ")";
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file" + why);
        }
        if (!Files.exists(file)) {
            String dangling = Files.isSymbolicLink(file) ? " (a link to " + Files.readSymbolicLink(file)
                    + ", which does not exist)" : "";
            throw new NoSuchFileException(file.toString(), null, "no such file" + dangling + why);
        }
        if (!Files.isRegularFile(file)) {
            throw new FileSystemException(file.toString(), null, "is not a regular file" + why);
        }
        if (!Files.isReadable(file)) {
            throw new FileSystemException(file.toString(), null, "is not readable (permission denied)" + why);
        }
    }
}
