package org.peftrepro.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Downloads files from the Hugging Face Hub into the cache shared with Python's huggingface_hub, and finds them
 * there when offline. Follows {@code hf_hub_download}: a HEAD request names the commit, the blob (ETag) and its
 * size; the blob is downloaded once into {@code blobs/}, and {@code snapshots/<commit>/<path>} links to it.
 *
 * <p>Without network ({@code HF_HUB_OFFLINE=1}, or the Hub unreachable, failing or refusing access) files are
 * served from the cache alone, through {@code refs/<revision>} or a commit hash given directly.
 */
public final class HubClient {
    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** huggingface_hub retries a broken download 5 times, one second apart. */
    private static final int DEFAULT_DOWNLOAD_ATTEMPTS = 6;
    private static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);

    private final HubSettings settings;
    private final HubHttp http;
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
        this.http = new HubHttp(client, settings);
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
                    + " at revision '" + ref.revision() + "': offline mode is on (HF_HUB_OFFLINE=1)");
        }
        return requestListing(ref);
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
            return cachedSnapshot(cache, ref, patterns, offlineReason(), null);
        }
        RepoListing listing;
        try {
            listing = requestListing(ref);
        } catch (HubException e) {
            if (e.reason() == HubException.Reason.REVISION_NOT_FOUND) {
                throw e;
            }
            return cachedSnapshotOr(cache, ref, patterns, e);
        } catch (IOException e) {
            return cachedSnapshot(cache, ref, patterns, unreachableReason(e), e);
        }
        List<String> selected = listing.files().stream().filter(file -> matchesAny(patterns, file)).toList();
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

    /** A file of the cache: the commit it belongs to and its {@code snapshots/} entry. */
    private record CachedFile(String commit, Path pointer) {
    }

    private CachedFile fetch(RepoRef ref, String path) throws IOException {
        RepoFilePath.requireSafe(path, ref.describe());
        RepoCache cache = new RepoCache(settings.hubCache(), ref);
        if (ref.repo().revisionIsCommit()) {
            Path pointer = cache.pointer(ref.revision(), path);
            if (Files.exists(pointer)) {
                return cached(cache, ref.revision(), pointer);
            }
        }
        if (settings.offline()) {
            return cachedFile(cache, ref, path, offlineReason(), null);
        }

        FileMetadata metadata;
        try {
            metadata = requestMetadata(ref, path);
        } catch (HubException e) {
            // As in huggingface_hub: a missing file or revision is final; anything else (no access, Hub down,
            // an answer that is not the Hub's) may still be served from the cache.
            if (e.reason() == HubException.Reason.FILE_NOT_FOUND
                    || e.reason() == HubException.Reason.REVISION_NOT_FOUND) {
                throw e;
            }
            return cachedFileOr(cache, ref, path, e);
        } catch (IOException e) {
            return cachedFile(cache, ref, path, unreachableReason(e), e);
        }

        cache.recordRef(ref.revision(), metadata.commit());
        Path pointer = cache.pointer(metadata.commit(), path);
        if (Files.exists(pointer)) {
            return cached(cache, metadata.commit(), pointer);
        }
        Path blob = cache.blob(metadata.etag());
        try (BlobLock lock = BlobLock.acquire(cache.lockFile(metadata.etag()))) {
            if (!Files.exists(blob)) {
                downloader.download(ref, path, metadata, cache);
            }
            cache.link(blob, pointer);
        }
        return cached(cache, metadata.commit(), pointer);
    }

    private FileMetadata requestMetadata(RepoRef ref, String path) throws IOException {
        URI url = HubUrls.resolve(settings.endpoint(), ref, path);
        HubHttp.Exchange<Void> exchange = http.send("HEAD", url, Map.of(), settings.etagTimeout(),
                HttpResponse.BodyHandlers.discarding(), true);
        boolean toStorage = exchange.redirectTarget() != null;
        if (!toStorage && (exchange.status() < 200 || exchange.status() >= 300)) {
            throw HubErrors.forStatus(exchange, ref, path, settings, http.sendsTokenTo(exchange.url()));
        }
        String what = "HEAD " + HubUrls.withoutQuery(exchange.url());
        String commit = exchange.header("X-Repo-Commit").map(String::strip).orElseThrow(() -> notTheHub(what,
                "no X-Repo-Commit header"));
        if (!RepoId.isCommitHash(commit)) {
            throw notTheHub(what, "X-Repo-Commit '" + commit + "' is not a 40-digit commit hash");
        }
        String etag = exchange.header("X-Linked-Etag").or(() -> exchange.header("ETag"))
                .map(FileMetadata::normalizeEtag).filter(text -> !text.isEmpty())
                .orElseThrow(() -> notTheHub(what, "no ETag header"));
        if (!RepoCache.isUsableEtag(etag)) {
            throw notTheHub(what, "ETag '" + etag + "', which cannot name a blob file");
        }
        String sizeText = exchange.header("X-Linked-Size").or(() -> exchange.header("Content-Length"))
                .orElseThrow(() -> notTheHub(what, "no Content-Length header"));
        long size;
        try {
            size = Long.parseLong(sizeText.strip());
        } catch (NumberFormatException e) {
            throw notTheHub(what, "size '" + sizeText + "' is not a number");
        }
        if (size < 0) {
            throw notTheHub(what, "negative size " + size);
        }
        return new FileMetadata(commit, etag, size, toStorage ? exchange.redirectTarget() : exchange.url());
    }

    private HubException notTheHub(String what, String problem) {
        return new HubException(HubException.Reason.PROTOCOL, what + " answered with " + problem + ": "
                + settings.endpoint() + " does not look like a Hugging Face Hub; check HF_ENDPOINT, proxy and"
                + " firewall settings");
    }

    private RepoListing requestListing(RepoRef ref) throws IOException {
        URI url = HubUrls.revisionInfo(settings.endpoint(), ref);
        HubHttp.Exchange<byte[]> exchange = http.send("GET", url, Map.of("Accept", "application/json"),
                settings.etagTimeout(), HttpResponse.BodyHandlers.ofByteArray(), false);
        if (exchange.status() < 200 || exchange.status() >= 300) {
            throw HubErrors.forStatus(exchange, ref, null, settings, http.sendsTokenTo(exchange.url()));
        }
        String what = "GET " + HubUrls.withoutQuery(exchange.url());
        JsonNode info;
        try {
            info = JSON.readTree(exchange.response().body());
        } catch (IOException e) {
            throw new HubException(HubException.Reason.PROTOCOL, what + " did not answer JSON: " + e.getMessage(), e);
        }
        String commit = info.path("sha").asText("");
        if (!RepoId.isCommitHash(commit)) {
            throw notTheHub(what, "no 40-digit commit hash in field 'sha'");
        }
        JsonNode siblings = info.path("siblings");
        if (!siblings.isArray()) {
            throw notTheHub(what, "no 'siblings' array");
        }
        List<String> files = new ArrayList<>();
        for (JsonNode sibling : siblings) {
            String name = sibling.path("rfilename").asText("");
            if (name.isEmpty()) {
                throw notTheHub(what, "a 'siblings' entry without 'rfilename'");
            }
            files.add(name);
        }
        return new RepoListing(commit, files);
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
            RepoRef pinned = ref.at(index.commit());
            for (String shard : shardsOf(index.pointer(), file, ref)) {
                fetch(pinned, shard);
            }
            return index.commit();
        }
    }

    /** The distinct shard files named in the {@code weight_map} of a sharded-weights index, index-relative. */
    private static List<String> shardsOf(Path index, String weightsFile, RepoRef ref) throws IOException {
        JsonNode weightMap = JSON.readTree(index.toFile()).path("weight_map");
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

    private CachedFile cached(RepoCache cache, String commit, Path pointer) throws IOException {
        cache.requireInsideRepo(pointer);
        return new CachedFile(commit, pointer);
    }

    /** The cached copy after the Hub refused or failed; without one, the Hub's own error. */
    private CachedFile cachedFileOr(RepoCache cache, RepoRef ref, String path, HubException hubError)
            throws IOException {
        Optional<CachedFile> found = lookUp(cache, ref, path);
        if (found.isEmpty()) {
            throw hubError;
        }
        LOG.warn("Using the cached '{}' of {}: {}", path, ref.describe(), hubError.getMessage());
        return found.get();
    }

    private CachedFile cachedFile(RepoCache cache, RepoRef ref, String path, String whyNotDownloaded,
                                  IOException cause) throws IOException {
        Optional<CachedFile> found = lookUp(cache, ref, path);
        if (found.isPresent()) {
            if (cause != null) {
                LOG.warn("Using the cached '{}' of {}: {}", path, ref.describe(), whyNotDownloaded);
            }
            return found.get();
        }
        Optional<String> commit = cache.cachedCommit(ref.revision());
        String missing = commit.isEmpty()
                ? "refs/" + ref.revision() + " is missing, so the commit of revision '" + ref.revision()
                        + "' is unknown"
                : "snapshots/" + commit.get() + "/" + path + " is missing";
        throw notCached("file '" + path + "' of " + ref.describe() + " at revision '" + ref.revision() + "'",
                whyNotDownloaded, cache, missing, ref, " " + path, cause);
    }

    private Optional<CachedFile> lookUp(RepoCache cache, RepoRef ref, String path) throws IOException {
        Optional<String> commit = cache.cachedCommit(ref.revision());
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        Path pointer = cache.pointer(commit.get(), path);
        return Files.exists(pointer) ? Optional.of(cached(cache, commit.get(), pointer)) : Optional.empty();
    }

    private Path cachedSnapshotOr(RepoCache cache, RepoRef ref, List<FnmatchPattern> patterns,
                                  HubException hubError) throws IOException {
        Optional<Path> found = lookUpSnapshot(cache, ref, patterns);
        if (found.isEmpty()) {
            throw hubError;
        }
        LOG.warn("Using the cached snapshot of {}: {}", ref.describe(), hubError.getMessage());
        return found.get();
    }

    private Path cachedSnapshot(RepoCache cache, RepoRef ref, List<FnmatchPattern> patterns,
                                String whyNotDownloaded, IOException cause) throws IOException {
        Optional<Path> found = lookUpSnapshot(cache, ref, patterns);
        if (found.isPresent()) {
            if (cause != null) {
                LOG.warn("Using the cached snapshot of {}: {}", ref.describe(), whyNotDownloaded);
            }
            return found.get();
        }
        Optional<String> commit = cache.cachedCommit(ref.revision());
        String missing = commit.isEmpty()
                ? "refs/" + ref.revision() + " is missing, so the commit of revision '" + ref.revision()
                        + "' is unknown"
                : "snapshots/" + commit.get() + " has no file matching " + patterns;
        String hint = patterns.isEmpty() ? "" : " --include " + patterns.stream().map(p -> "'" + p + "'")
                .collect(Collectors.joining(" "));
        throw notCached("files matching " + patterns + " of " + ref.describe() + " at revision '"
                + ref.revision() + "'", whyNotDownloaded, cache, missing, ref, hint, cause);
    }

    private Optional<Path> lookUpSnapshot(RepoCache cache, RepoRef ref, List<FnmatchPattern> patterns)
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

    private HubException notCached(String what, String whyNotDownloaded, RepoCache cache, String missing,
                                   RepoRef ref, String cliArguments, IOException cause) {
        String typeOption = ref.type() == RepoType.DATASET ? " --repo-type dataset" : "";
        return new HubException(HubException.Reason.NOT_CACHED, what + " is not in the cache and cannot be"
                + " downloaded: " + whyNotDownloaded + ". Looked in " + cache.folder() + ": " + missing + ". To fix:"
                + " run once with network access (HF_HUB_OFFLINE unset), or copy the files into that cache folder"
                + " in the huggingface_hub layout (blobs/, snapshots/<commit>/, refs/<revision>), e.g. made on a"
                + " machine with network by `huggingface-cli download " + ref.id() + cliArguments + typeOption
                + " --revision " + ref.revision() + "` with HF_HUB_CACHE pointing to a folder you then copy.",
                cause);
    }

    private static String offlineReason() {
        return "offline mode is on (HF_HUB_OFFLINE=1)";
    }

    private static String unreachableReason(IOException e) {
        return "the Hub could not be reached (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    private static boolean matchesAny(List<FnmatchPattern> patterns, String file) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> pattern.matches(file));
    }
}
