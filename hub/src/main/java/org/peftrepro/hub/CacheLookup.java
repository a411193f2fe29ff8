package org.peftrepro.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds files in the cache without the Hub, as huggingface_hub does when offline or when the Hub cannot be
 * asked: a branch or tag is resolved through {@code refs/}, a commit hash is used directly. When nothing is
 * found, the error says what was looked for, where, and how to get it there.
 */
final class CacheLookup {
    private static final Logger LOG = LoggerFactory.getLogger(CacheLookup.class);

    private CacheLookup() {
    }

    /** The cached file, or {@code hubError} (the Hub's refusal or failure) if there is none. */
    static CachedFile fileOr(RepoCache cache, RepoRef ref, String path, HubException hubError) throws IOException {
        Optional<CachedFile> found = file(cache, ref, path);
        if (found.isEmpty()) {
            throw hubError;
        }
        LOG.warn("Using the cached '{}' of {}: {}", path, ref.describe(), hubError.getMessage());
        return found.get();
    }

    /**
     * The cached file, or a NOT_CACHED error saying why it could not be downloaded.
     *
     * @param cause the network failure, or {@code null} in offline mode
     */
    static CachedFile fileOrExplain(RepoCache cache, RepoRef ref, String path, String whyNotDownloaded,
                                    IOException cause) throws IOException {
        Optional<CachedFile> found = file(cache, ref, path);
        if (found.isPresent()) {
            if (cause != null) {
                LOG.warn("Using the cached '{}' of {}: {}", path, ref.describe(), whyNotDownloaded);
            }
            return found.get();
        }
        Optional<String> commit = cache.cachedCommit(ref.revision());
        String missing = commit.isEmpty()
                ? missingRef(ref)
                : "snapshots/" + commit.get() + "/" + path + " is missing";
        throw notCached("file '" + path + "' of " + ref.describe() + " at revision '" + ref.revision() + "'",
                whyNotDownloaded, cache, missing, ref, " " + path, cause);
    }

    /** The cached snapshot folder if it holds a file matching the patterns, or {@code hubError}. */
    static Path snapshotOr(RepoCache cache, RepoRef ref, List<FnmatchPattern> patterns, HubException hubError)
            throws IOException {
        Optional<Path> found = snapshot(cache, ref, patterns);
        if (found.isEmpty()) {
            throw hubError;
        }
        LOG.warn("Using the cached snapshot of {}: {}", ref.describe(), hubError.getMessage());
        return found.get();
    }

    /** The cached snapshot folder if it holds a file matching the patterns, or a NOT_CACHED error. */
    static Path snapshotOrExplain(RepoCache cache, RepoRef ref, List<FnmatchPattern> patterns,
                                  String whyNotDownloaded, IOException cause) throws IOException {
        Optional<Path> found = snapshot(cache, ref, patterns);
        if (found.isPresent()) {
            if (cause != null) {
                LOG.warn("Using the cached snapshot of {}: {}", ref.describe(), whyNotDownloaded);
            }
            return found.get();
        }
        Optional<String> commit = cache.cachedCommit(ref.revision());
        String missing = commit.isEmpty()
                ? missingRef(ref)
                : "snapshots/" + commit.get() + " has no file matching " + patterns;
        String includes = patterns.stream().map(pattern -> " --include '" + pattern + "'")
                .collect(Collectors.joining());
        throw notCached("files matching " + patterns + " of " + ref.describe() + " at revision '"
                + ref.revision() + "'", whyNotDownloaded, cache, missing, ref, includes, cause);
    }

    /** A snapshot entry after checking that it really leads into the repository's folder. */
    static CachedFile checked(RepoCache cache, String commit, Path pointer) throws IOException {
        cache.requireInsideRepo(pointer);
        return new CachedFile(commit, pointer);
    }

    static boolean matchesAny(List<FnmatchPattern> patterns, String file) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> pattern.matches(file));
    }

    private static Optional<CachedFile> file(RepoCache cache, RepoRef ref, String path) throws IOException {
        Optional<String> commit = cache.cachedCommit(ref.revision());
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        Path pointer = cache.pointer(commit.get(), path);
        return Files.exists(pointer) ? Optional.of(checked(cache, commit.get(), pointer)) : Optional.empty();
    }

    private static Optional<Path> snapshot(RepoCache cache, RepoRef ref, List<FnmatchPattern> patterns)
            throws IOException {
        Optional<String> commit = cache.cachedCommit(ref.revision());
        if (commit.isEmpty() || !Files.isDirectory(cache.snapshot(commit.get()))) {
            return Optional.empty();
        }
        Path snapshot = cache.snapshot(commit.get());
        try (Stream<Path> entries = Files.walk(snapshot)) {
            boolean anyMatch = entries
                    .filter(Files::isRegularFile)
                    .map(file -> snapshot.relativize(file).toString().replace('\\', '/'))
                    .anyMatch(file -> matchesAny(patterns, file));
            return anyMatch ? Optional.of(snapshot) : Optional.empty();
        }
    }

    private static String missingRef(RepoRef ref) {
        return "refs/" + ref.revision() + " is missing, so the commit of revision '" + ref.revision()
                + "' is unknown";
    }

    private static HubException notCached(String what, String whyNotDownloaded, RepoCache cache, String missing,
                                          RepoRef ref, String cliArguments, IOException cause) {
        String typeOption = ref.type() == RepoType.DATASET ? " --repo-type dataset" : "";
        // Only offline mode has no network failure behind it: the hint to leave it is for that case alone.
        String reachTheHub = cause == null ? "leave offline mode (unset HF_HUB_OFFLINE) and run once with network access"
                : "run again once the Hub can be reached (check the network, a proxy, or HF_ENDPOINT)";
        return new HubException(HubException.Reason.NOT_CACHED, what + " is not in the cache and cannot be"
                + " downloaded: " + whyNotDownloaded + ". Looked in " + cache.folder() + ": " + missing + ". To fix: "
                + reachTheHub + ", or copy the files into that cache folder"
                + " in the huggingface_hub layout (blobs/, snapshots/<commit>/, refs/<revision>), e.g. made on a"
                + " machine with network by `huggingface-cli download " + ref.id() + cliArguments + typeOption
                + " --revision " + ref.revision() + "` with HF_HUB_CACHE pointing to a folder you then copy.",
                cause);
    }
}
