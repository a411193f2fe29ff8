package org.peftrepro.reports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that readers see either the old content or the whole new content, never a part:
 * the bytes go to a temporary file in the target's own folder (a rename is only atomic within one
 * file system), are forced to disk, and the temporary file is then renamed over the target.
 */
public final class AtomicFiles {

    /**
     * Suffix of temporary files; a process killed mid-write leaves at most such a file, never a
     * partial target.
     */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code target}, atomically, creating missing parent folders.
     *
     * @throws IOException naming {@code target} whatever failed, a missing parent folder that cannot be made
     *     included
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        // A leading dot keeps the temporary file out of listings of *.json, *.md, ... while it
        // exists. Unlike
        // Files.createTempFile (owner-only permissions), CREATE_NEW gives the file the usual
        // permissions of the umask.
        Path temp =
                folder.resolve(
                        "." + absolute.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            Files.createDirectories(folder);
            try (FileChannel channel =
                    FileChannel.open(
                            temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, absolute);
        } catch (IOException | RuntimeException e) {
            IOException named = new IOException("Could not write " + absolute + ": " + e.getMessage(), e);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanupFailure) {
                named.addSuppressed(cleanupFailure); // the write's failure is the one to report
            }
            throw named;
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of "
                            + target.getParent()
                            + " cannot rename atomically, so the file is not written",
                    e);
        }
    }
}
