package org.peftrepro.hub.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files and folders so that readers see the old content or the whole new content, never a part: the
 * content goes to a hidden temporary sibling of the target (a rename is only atomic within one file system),
 * files are forced to disk, and the sibling is then renamed into the target's place. A failure removes the
 * temporary sibling and leaves the target as it was; a process killed mid-write leaves at most a hidden
 * {@code .<name>.<random>.tmp} sibling, never a partial target.
 */
public final class AtomicFiles {

    /** Suffix of the temporary siblings. Readers of a folder skip dot files ending in it. */
    public static final String TEMP_SUFFIX = ".tmp";

    /** Writes a file's content through the channel (positioned at 0). */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Writes a folder's files into the (empty) folder it is given. */
    @FunctionalInterface
    public interface FolderContent {
        void writeInto(Path folder) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} as UTF-8 to {@code target}, atomically, creating missing parent folders. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code target}, atomically, creating missing parent folders. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, channel -> writeFully(channel, ByteBuffer.wrap(content)));
    }

    /**
     * Writes what {@code content} puts through the channel to {@code target}, atomically, creating missing parent
     * folders. A failure to write is an {@link IOException} naming the target; an exception the content throws
     * otherwise reaches the caller as it is.
     */
    public static void write(Path target, FileContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        // Not Files.createTempFile: it creates owner-only files, and the rename would keep that mode.
        Path temporary = temporarySibling(absolute);
        try {
            Files.createDirectories(absolute.getParent()); // a folder that cannot be made names the file too
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            moveIntoPlace(temporary, absolute);
        } catch (IOException e) {
            deleteAfterFailure(temporary, e);
            throw new IOException("Could not write " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(temporary, e);
            throw e;
        }
    }

    /** Writes all of {@code buffer} at the channel's position. */
    public static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Creates the folder {@code target} with what {@code content} writes into it, all files at once.
     *
     * @throws FileAlreadyExistsException when {@code target} exists and is not an empty folder
     */
    public static void writeFolder(Path target, FolderContent content) throws IOException {
        Path folder = target.toAbsolutePath().normalize();
        if (Files.exists(folder) && !isEmptyFolder(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null,
                    Files.isDirectory(folder) ? "not empty: only a new or empty folder is written" : "exists and is not a folder");
        }
        inFreshSibling(folder, content, fresh -> {
            Files.deleteIfExists(folder);
            Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    /**
     * Replaces the folder {@code target} as a whole with what {@code content} writes: readers see the old folder or
     * the complete new one. An existing target is replaced only when it is empty or holds {@code marker}, a file every
     * folder of its kind holds, so that a mistyped path cannot delete an unrelated folder.
     */
    public static void replaceFolder(Path target, String marker, FolderContent content) throws IOException {
        Path folder = target.toAbsolutePath().normalize();
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new IOException(folder + ": exists and is not a folder; not replaced");
            }
            if (!isEmptyFolder(folder) && !Files.exists(folder.resolve(marker))) {
                throw new IOException(folder + ": exists and holds no " + marker
                        + "; not replaced (choose a new or empty folder)");
            }
        }
        inFreshSibling(folder, content, fresh -> {
            if (!Files.exists(folder)) {
                Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            Path old = temporarySibling(folder);
            Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.move(old, folder, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
            deleteRecursively(old);
        });
    }

    /** Deletes {@code root} and everything under it; nothing happens when it does not exist. Links are not followed. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.deleteIfExists(path);
        }
    }

    /** A hidden name beside {@code target} that no other writer picks: {@code .<name>.<random>.tmp}. */
    public static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    }

    @FunctionalInterface
    private interface Placement {
        void place(Path fresh) throws IOException;
    }

    /** Writes the content into a fresh hidden sibling of {@code folder}, then places it; a failure removes the sibling. */
    private static void inFreshSibling(Path folder, FolderContent content, Placement placement) throws IOException {
        Files.createDirectories(folder.getParent());
        Path fresh = Files.createDirectory(temporarySibling(folder));
        try {
            content.writeInto(fresh);
            placement.place(fresh);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteRecursively(fresh);
            } catch (IOException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent()
                    + " cannot rename atomically, so the file is not written", e);
        }
    }

    private static void deleteAfterFailure(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }
}
