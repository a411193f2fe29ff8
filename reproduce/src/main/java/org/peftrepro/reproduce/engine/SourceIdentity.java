package org.peftrepro.reproduce.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What identifies a model's or a dataset's content, for run ids: the Hub revision of a snapshot in the Hugging
 * Face cache ({@code hub:FacebookAI/roberta-base@<commit>}), or the SHA-256 of a local folder's files
 * ({@code sha256:<hex>}). Another checkpoint or other data under the same folder name is another run; the same
 * content moved elsewhere is the same run.
 */
public final class SourceIdentity {
    /** {@code .../models--org--name/snapshots/<commit>} or {@code datasets--...}: huggingface_hub's cache layout. */
    private static final Pattern SNAPSHOT =
            Pattern.compile(".*/(models|datasets)--([^/]+)/snapshots/([0-9a-f]{40})(/.*)?");

    /** Digests already computed in this process, by file, size and modification time. */
    private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();

    private SourceIdentity() {}

    /** A checkpoint folder: config, weights (single or sharded) and tokenizer. */
    public static String ofCheckpoint(Path folder) {
        return hubRevision(folder).orElseGet(() -> ofFiles(folder, name -> name.equals("config.json")
                || name.equals("tokenizer.json") || name.endsWith(".safetensors")
                || name.equals("model.safetensors.index.json")));
    }

    /** A data folder: every file directly in it. */
    public static String ofDataFolder(Path folder) {
        return hubRevision(folder).orElseGet(() -> ofFiles(folder, name -> !name.startsWith(".")));
    }

    private static java.util.Optional<String> hubRevision(Path folder) {
        Matcher m = SNAPSHOT.matcher(folder.toAbsolutePath().normalize().toString().replace('\\', '/'));
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("hub:" + m.group(2).replaceFirst("--", "/") + "@" + m.group(3)
                + (m.group(4) == null ? "" : m.group(4)));
    }

    private static String ofFiles(Path folder, java.util.function.Predicate<String> include) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> files = entries.filter(Files::isRegularFile)
                    .filter(p -> include.test(p.getFileName().toString())).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException(folder + ": holds none of the files that identify it");
            }
            MessageDigest all = sha256();
            for (Path file : files) {
                all.update((file.getFileName() + "\0" + digest(file) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot be read to identify it: " + e.getMessage(), e);
        }
    }

    private static String digest(Path file) throws IOException {
        String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        String known = DIGESTS.get(key);
        if (known != null) {
            return known;
        }
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        DIGESTS.put(key, hex);
        return hex;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
