package org.peftrepro.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.peftrepro.hub.io.AtomicFiles;

/**
 * One repository's folder in the Hub cache, in the layout of Python's huggingface_hub:
 *
 * <pre>
 * models--FacebookAI--roberta-base/
 *   blobs/&lt;etag&gt;                       file contents, named by git sha1 or LFS sha256
 *   refs/main                          the commit hash that branch or tag pointed to when last seen
 *   snapshots/&lt;commit&gt;/&lt;path&gt;          relative symlink to ../../blobs/&lt;etag&gt; (a copy where links fail)
 * </pre>
 *
 * Every path handed out is checked to lie inside the folder it belongs to.
 */
final class RepoCache {
    /** An ETag becomes a file name: hex digests in practice, never separators or dots alone. */
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]{0,199}");

    private final Path hubCache;
    private final String folderName;
    private final Path folder;

    RepoCache(Path hubCache, RepoRef ref) {
        this.hubCache = hubCache.toAbsolutePath().normalize();
        // huggingface_hub's repo_folder_name: "{type}s--{namespace}--{name}".
        this.folderName = ref.type().plural() + "--" + ref.id().replace("/", "--");
        this.folder = this.hubCache.resolve(folderName);
    }

    Path folder() {
        return folder;
    }

    Path blobs() {
        return folder.resolve("blobs");
    }

    Path blob(String etag) {
        return inside(blobs(), blobs().resolve(requireSafeEtag(etag)));
    }

    /** Where a blob grows while it downloads; kept after an interruption so the next run resumes it. */
    Path incompleteBlob(String etag) {
        return inside(blobs(), blobs().resolve(requireSafeEtag(etag) + ".incomplete"));
    }

    /** huggingface_hub's lock location, {@code .locks/<repo folder>/<etag>.lock}, outside the repo folder. */
    Path lockFile(String etag) {
        Path locks = hubCache.resolve(".locks").resolve(folderName);
        return inside(locks, locks.resolve(requireSafeEtag(etag) + ".lock"));
    }

    Path snapshot(String commit) {
        requireCommit(commit);
        return folder.resolve("snapshots").resolve(commit);
    }

    /** {@code snapshots/<commit>/<path>}, refused if the path would leave that snapshot. */
    Path pointer(String commit, String repoPath) {
        Path snapshot = snapshot(commit);
        return inside(snapshot, snapshot.resolve(repoPath));
    }

    Path refFile(String revision) {
        RepoId.requireValidRevision(revision);
        Path refs = folder.resolve("refs");
        return inside(refs, refs.resolve(revision));
    }

    /** The commit a revision stands for without asking the Hub: itself if it is a hash, else {@code refs/}. */
    Optional<String> cachedCommit(String revision) throws IOException {
        if (RepoId.isCommitHash(revision)) {
            return Optional.of(revision);
        }
        Path ref = refFile(revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
        if (!RepoId.isCommitHash(commit)) {
            throw new IOException("cache file " + ref + " should hold a 40-digit commit hash but holds '"
                    + abbreviate(commit) + "'; delete it and run again with network access");
        }
        return Optional.of(commit);
    }

    /**
     * Records that {@code revision} pointed to {@code commit}; rewrites the ref only when it changed, as
     * huggingface_hub does, so a read-only shared cache keeps working.
     */
    void recordRef(String revision, String commit) throws IOException {
        requireCommit(commit);
        if (revision.equals(commit)) {
            return;
        }
        Path ref = refFile(revision);
        if (Files.isRegularFile(ref) && Files.readString(ref, StandardCharsets.UTF_8).strip().equals(commit)) {
            return;
        }
        // No trailing newline: huggingface_hub reads refs with f.read() and uses the text as a folder name.
        AtomicFiles.writeString(ref, commit);
    }

    /**
     * Makes {@code pointer} a relative symlink to {@code blob} (so the cache survives being moved), or a copy
     * of it where the file system refuses links. The link is made under a temporary name and renamed into
     * place, so the snapshot never shows a half-made entry.
     */
    void link(Path blob, Path pointer) throws IOException {
        Files.createDirectories(pointer.getParent());
        Path temporary = AtomicFiles.temporarySibling(pointer);
        try {
            try {
                Files.createSymbolicLink(temporary, pointer.getParent().relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException linksRefused) {
                Files.deleteIfExists(temporary);
                Files.copy(blob, temporary);
            }
            Files.move(temporary, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The real file behind a snapshot entry, checked to lie inside this repository's folder: a cache entry that
     * leads elsewhere (a tampered or hand-made cache) is refused rather than read.
     */
    Path requireInsideRepo(Path pointer) throws IOException {
        Path real = pointer.toRealPath();
        Path realFolder = folder.toRealPath();
        if (!real.startsWith(realFolder)) {
            throw new IOException("cache entry " + pointer + " leads to " + real + ", outside its repository folder "
                    + realFolder + "; delete the entry and run again");
        }
        return real;
    }

    private static Path inside(Path parent, Path candidate) {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(parent.normalize()) || normalized.equals(parent.normalize())) {
            throw new IllegalArgumentException("refusing cache path " + candidate + ": it is not inside " + parent);
        }
        return normalized;
    }

    static boolean isUsableEtag(String etag) {
        return SAFE_ETAG.matcher(etag).matches();
    }

    private static String requireSafeEtag(String etag) {
        if (!isUsableEtag(etag)) {
            throw new IllegalArgumentException("refusing ETag '" + abbreviate(etag)
                    + "' as a blob name: expected letters, digits, '-', '_' and '.'");
        }
        return etag;
    }

    private static void requireCommit(String commit) {
        if (!RepoId.isCommitHash(commit)) {
            throw new IllegalArgumentException("'" + abbreviate(commit) + "' is not a 40-digit commit hash");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
