package org.peftrepro.datasets;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a generated folder (smoke data) whole or not at all: into a hidden folder beside the target, renamed into
 * place at the end, so a failure leaves no half-written folder. The target must not exist or be empty.
 */
public final class GeneratedFolder {

    /** Writes the folder's content into the folder it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path folder) throws IOException;
    }

    private GeneratedFolder() {
    }

    /**
     * @return the target as an absolute path
     * @throws FileAlreadyExistsException when {@code folder} holds files or is not a folder
     */
    public static Path write(Path folder, Content content) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(target.toString(), null,
                            "not empty: generated data is only written to a new or empty folder");
                }
            }
        } else if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a folder");
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            content.writeTo(partial);
            Files.deleteIfExists(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(partial);
            throw e;
        }
        return target;
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // The original failure is what the caller needs to see; a leftover ".partial-" folder is harmless.
        }
    }
}
