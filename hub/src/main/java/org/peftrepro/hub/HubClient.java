package org.peftrepro.hub;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.peftrepro.hub.io.StrictJson;

/**
 * Downloads files from the Hugging Face Hub into the cache shared with Python's huggingface_hub, and finds them
 * there when offline. Follows {@code hf_hub_download}: a HEAD request names the commit, the blob (ETag) and its
 * size; the blob is downloaded once into {@code blobs/}, and {@code snapshots/<commit>/<path>} links to it.
 *
 * <p>Without network ({@code HF_HUB_OFFLINE=1}, or the Hub unreachable, failing or refusing access) files are
 * served from the cache alone, through {@code refs/<revision>} or a commit hash given directly.
 */
public final class HubClient {
    /** huggingface_hub retries a broken download 5 times, one second apart. */
    private static final int DEFAULT_DOWNLOAD_ATTEMPTS = 6;
    private static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);

    private final HubSettings settings;
    private final HubApi api;
    private final BlobDownloader downloader;

    /** A client with the settings of this process ({@link HubSettings#fromEnvironment()}). */
    public HubClient() {
        this(HubSettings.fromEnvironment());
    }

    public HubClient(HubSettings settings) {
        this(settings, HubHttp.newClient(settings.etagTimeout()), DEFAULT_DOWNLOAD_ATTEMPTS, DEFAULT_RETRY_PAUSE);
    }

    /**
     * @param downloadAttempts how often one call tries a broken download, resuming each time
     * @param retryPause       wait between those attempts
     */
    HubClient(HubSettings settings, HttpClient client, int downloadAttempts, Duration retryPause) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HubHttp http = new HubHttp(client, settings);
        this.api = new HubApi(http, settings);
        this.downloader = new BlobDownloader(http, settings, downloadAttempts, retryPause);
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * The cached file {@code path} of a repository revision, downloaded first if needed.
     *
     * @param repoId   {@code namespace/name}
     * @param revision branch, tag or commit hash
     * @param path     file path inside the repository, with '/' separators
     * @return {@code <cache>/<type>s--<namespace>--<name>/snapshots/<commit>/<path>}
     * @throws HubException             with a message naming the repository, revision and file
     * @throws IllegalArgumentException if {@code path} could leave the cache folder
     */
    public Path download(String repoId, RepoType type, String revision, String path) throws IOException {
        return download(new RepoId(repoId, revision), type, path);
    }

    /** {@link #download(String, RepoType, String, String)} at the revision carried by {@code repo}. */
    public Path download(RepoId repo, RepoType type, String path) throws IOException {
        return fetch(new RepoRef(repo, type), path).pointer();
    }

    /** The commit and files of a revision, from {@code GET {endpoint}/api/{models|datasets}/{id}/revision/{rev}}. */
    public RepoListing listFiles(String repoId, RepoType type, String revision) throws IOException {
        return listFiles(new RepoId(repoId, revision), type);
    }

    public RepoListing listFiles(RepoId repo, RepoType type) throws IOException {
        RepoRef ref = new RepoRef(repo, type);
        if (settings.offline()) {
            throw new HubException(HubException.Reason.NOT_CACHED, "cannot list the files of " + ref.describe()
                    + " at revision '" + ref.revision() + "': " + offlineReason());
        }
        return api.listing(ref);
    }

    /**
     * Downloads every file of the revision that matches one of {@code globPatterns} (Python fnmatch syntax, as
     * in huggingface_hub's {@code allow_patterns}, e.g. {@code cola/train-*.parquet}; empty means all files),
     * all from the same commit, and returns {@code snapshots/<commit>}.
     *
     * @throws HubException FILE_NOT_FOUND if no file matches; NOT_CACHED if offline and nothing matching is cached
     */
    public Path snapshot(String repoId, RepoType type, String revision, List<String> globPatterns)
            throws IOException {
        return snapshot(new RepoId(repoId, revision), type, globPatterns);
    }

    public Path snapshot(RepoId repo, RepoType type, List<String> globPatterns) throws IOException {
        RepoRef ref = new RepoRef(repo, type);
        List<FnmatchPattern> patterns = globPatterns.stream().map(FnmatchPattern::new).toList();
        RepoCache cache = new RepoCache(settings.hubCache(), ref);
        if (settings.offline()) {
            return CacheLookup.snapshotOrExplain(cache, ref, patterns, offlineReason(), null);
        }
        RepoListing listing;
        try {
            listing = api.listing(ref);
        } catch (HubException e) {
            if (e.reason() == HubException.Reason.REVISION_NOT_FOUND) {
                throw e;
            }
            return CacheLookup.snapshotOr(cache, ref, patterns, e);
        } catch (IOException e) {
            rethrowIfInterrupted(e);
            return CacheLookup.snapshotOrExplain(cache, ref, patterns, unreachableReason(e), e);
        }
        List<String> selected = listing.files().stream()
                .filter(file -> CacheLookup.matchesAny(patterns, file)).toList();
        if (selected.isEmpty()) {
            throw new HubException(HubException.Reason.FILE_NOT_FOUND, "no file of " + ref.describe()
                    + " at revision '" + ref.revision() + "' matches " + patterns + "; its " + listing.files().size()
                    + " files include " + listing.files().stream().limit(10).toList());
        }
        // Every name is checked before the first download, so a bad listing leaves nothing behind.
        selected.forEach(file -> RepoFilePath.requireSafe(file, ref.describe()));
        RepoRef pinned = ref.at(listing.commit());
        for (String file : selected) {
            fetch(pinned, file);
        }
        cache.recordRef(ref.revision(), listing.commit());
        return cache.snapshot(listing.commit());
    }

    /**
     * What every command's {@code --model} option goes through: an existing local folder is returned as it is;
     * anything else is read as a Hub model id, optionally with {@code @revision}, whose {@code files} are
     * downloaded into one snapshot whose folder is returned. A weights file that the repository only has in
     * shards ({@code model.safetensors} absent, {@code model.safetensors.index.json} present) is replaced by
     * the index and every shard it names.
     *
     * @param files e.g. {@code config.json}, {@code model.safetensors}, {@code tokenizer.json}
     */
    public Path resolveModelFolder(String idOrFolder, List<String> files) throws IOException {
        Objects.requireNonNull(idOrFolder, "idOrFolder");
        Path local = Path.of(idOrFolder);
        if (Files.isDirectory(local)) {
            return local;
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files requested for model '" + idOrFolder + "'");
        }
        RepoId repo;
        try {
            repo = RepoId.parse(idOrFolder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + idOrFolder + "' is neither an existing folder nor a Hub"
                    + " model id such as FacebookAI/roberta-base[@revision]: " + e.getMessage(), e);
        }
        RepoRef ref = new RepoRef(repo, RepoType.MODEL);
        // The first file fixes the commit; the rest are read at that commit so the folder is consistent.
        String commit = fetchModelFile(ref, files.get(0));
        RepoRef pinned = ref.at(commit);
        for (String file : files.subList(1, files.size())) {
            fetchModelFile(pinned, file);
        }
        return new RepoCache(settings.hubCache(), ref).snapshot(commit);
    }

    private CachedFile fetch(RepoRef ref, String path) throws IOException {
        RepoFilePath.requireSafe(path, ref.describe());
        RepoCache cache = new RepoCache(settings.hubCache(), ref);
        if (ref.repo().revisionIsCommit()) {
            Path pointer = cache.pointer(ref.revision(), path);
            if (Files.exists(pointer)) {
                return CacheLookup.checked(cache, ref.revision(), pointer);
            }
        }
        if (settings.offline()) {
            return CacheLookup.fileOrExplain(cache, ref, path, offlineReason(), null);
        }

        FileMetadata metadata;
        try {
            metadata = api.fileMetadata(ref, path);
        } catch (HubException e) {
            // As in huggingface_hub: a missing file or revision is final; anything else (no access, Hub down,
            // an answer that is not the Hub's) may still be served from the cache.
            if (e.reason() == HubException.Reason.FILE_NOT_FOUND
                    || e.reason() == HubException.Reason.REVISION_NOT_FOUND) {
                throw e;
            }
            return CacheLookup.fileOr(cache, ref, path, e);
        } catch (IOException e) {
            rethrowIfInterrupted(e);
            return CacheLookup.fileOrExplain(cache, ref, path, unreachableReason(e), e);
        }

        cache.recordRef(ref.revision(), metadata.commit());
        Path pointer = cache.pointer(metadata.commit(), path);
        if (Files.exists(pointer)) {
            return CacheLookup.checked(cache, metadata.commit(), pointer);
        }
        Path blob = cache.blob(metadata.etag());
        try (BlobLock lock = BlobLock.acquire(cache.lockFile(metadata.etag()))) {
            if (!Files.exists(blob)) {
                downloader.download(ref, path, metadata, cache);
            }
            cache.link(blob, pointer);
        }
        return CacheLookup.checked(cache, metadata.commit(), pointer);
    }

    /** Downloads a model file, or the shard index and shards standing in for it; returns the commit. */
    private String fetchModelFile(RepoRef ref, String file) throws IOException {
        try {
            return fetch(ref, file).commit();
        } catch (HubException missing) {
            boolean absent = missing.reason() == HubException.Reason.FILE_NOT_FOUND
                    || missing.reason() == HubException.Reason.NOT_CACHED;
            if (!absent || !(file.endsWith(".safetensors") || file.endsWith(".bin"))) {
                throw missing;
            }
            CachedFile index;
            try {
                index = fetch(ref, file + ".index.json");
            } catch (HubException noIndex) {
                missing.addSuppressed(noIndex);
                throw missing;
            }
            List<String> shards = shardsOf(index.pointer(), file, ref);
            RepoRef pinned = ref.at(index.commit());
            for (String shard : shards) {
                fetch(pinned, shard);
            }
            return index.commit();
        }
    }

    /**
     * The distinct shard files named in the {@code weight_map} of a sharded-weights index (transformers'
     * {@code *.index.json}), as repository paths next to the index; all checked before any is downloaded.
     */
    private static List<String> shardsOf(Path index, String weightsFile, RepoRef ref) throws IOException {
        JsonNode weightMap = StrictJson.read(index).path("weight_map");
        if (!weightMap.isObject() || weightMap.isEmpty()) {
            throw new HubException(HubException.Reason.PROTOCOL, "shard index " + index + " of " + ref.describe()
                    + " has no 'weight_map' object");
        }
        int slash = weightsFile.lastIndexOf('/');
        String folder = slash < 0 ? "" : weightsFile.substring(0, slash + 1);
        Set<String> shards = new LinkedHashSet<>();
        weightMap.elements().forEachRemaining(shard -> shards.add(
                RepoFilePath.requireSafe(folder + shard.asText(""), ref.describe())));
        return List.copyOf(shards);
    }

    /** A cancelled thread is not a network failure: it must stop, not fall back to the cache. */
    private static void rethrowIfInterrupted(IOException e) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw e;
        }
    }

    private static String offlineReason() {
        return "offline mode is on (HF_HUB_OFFLINE=1)";
    }

    private static String unreachableReason(IOException e) {
        return "the Hub could not be reached (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }
}
