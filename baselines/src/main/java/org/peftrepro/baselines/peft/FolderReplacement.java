package org.peftrepro.baselines.peft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a folder so that readers see the old folder or the complete new one, never a half-written one: the
 * files go into a hidden sibling folder, which then takes the target's place by rename. A failure leaves the
 * target as it was and removes the half-written sibling.
 */
final class FolderReplacement {

    @FunctionalInterface
    interface Content {
        void writeInto(Path folder) throws IOException;
    }

    private FolderReplacement() {}

    /**
     * @param marker a file every folder of this kind holds; an existing target without it is not replaced, so a
     *     mistyped path cannot delete an unrelated folder
     */
    static void replace(Path target, String marker, Content content) throws IOException {
        Path folder = target.toAbsolutePath();
        Path parent = folder.getParent();
        checkReplaceable(folder, marker);
        Files.createDirectories(parent);
        Path fresh = parent.resolve("." + folder.getFileName() + "." + randomSuffix() + ".tmp");
        Files.createDirectory(fresh);
        try {
            content.writeInto(fresh);
            if (Files.exists(folder)) {
                Path old = parent.resolve("." + folder.getFileName() + "." + randomSuffix() + ".old");
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    Files.move(old, folder, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                deleteRecursively(old);
            } else {
                Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteRecursively(fresh);
            } catch (IOException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    private static void checkReplaceable(Path folder, String marker) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": exists and is not a folder; not replaced");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(folder)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.exists(folder.resolve(marker))) {
            throw new IOException(folder + ": exists and holds no " + marker + "; not replaced (choose a new or empty folder)");
        }
    }

    private static String randomSuffix() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.delete(p);
        }
    }
}
