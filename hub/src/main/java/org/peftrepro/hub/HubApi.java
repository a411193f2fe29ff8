package org.peftrepro.hub;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.StrictJson;

/**
 * The two questions asked of the Hub before anything is downloaded: what a file is (HEAD on its
 * {@code /resolve/} URL, as huggingface_hub's {@code get_hf_file_metadata}) and which files a revision has
 * ({@code /api/.../revision/...}, as {@code HfApi.repo_info}).
 */
final class HubApi {

    private final HubHttp http;
    private final HubSettings settings;

    HubApi(HubHttp http, HubSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /**
     * Commit, ETag, size and download location of one file. Redirects within the Hub (renamed repositories)
     * are followed; a redirect to a storage host is not, its target becomes the download location.
     */
    FileMetadata fileMetadata(RepoRef ref, String path) throws IOException {
        URI url = HubUrls.resolve(settings.endpoint(), ref, path);
        HubHttp.Exchange<Void> exchange = http.send("HEAD", url, Map.of(), settings.etagTimeout(),
                HttpResponse.BodyHandlers.discarding(), true);
        boolean toStorage = exchange.redirectTarget() != null;
        if (!toStorage && (exchange.status() < 200 || exchange.status() >= 300)) {
            throw HubErrors.forStatus(exchange, ref, path, settings, http.sendsTokenTo(exchange.url()));
        }
        String what = "HEAD " + HubUrls.withoutQuery(exchange.url());
        String commit = exchange.header("X-Repo-Commit").map(String::strip)
                .orElseThrow(() -> notTheHub(what, "no X-Repo-Commit header"));
        if (!RepoId.isCommitHash(commit)) {
            throw notTheHub(what, "X-Repo-Commit '" + commit + "', which is not a 40-digit commit hash");
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
            throw notTheHub(what, "size '" + sizeText + "', which is not a number");
        }
        if (size < 0) {
            throw notTheHub(what, "negative size " + size);
        }
        return new FileMetadata(commit, etag, size, toStorage ? exchange.redirectTarget() : exchange.url());
    }

    /** The commit a revision resolves to and every file it has. */
    RepoListing listing(RepoRef ref) throws IOException {
        URI url = HubUrls.revisionInfo(settings.endpoint(), ref);
        HubHttp.Exchange<byte[]> exchange = http.send("GET", url, Map.of("Accept", "application/json"),
                settings.etagTimeout(), HttpResponse.BodyHandlers.ofByteArray(), false);
        if (exchange.status() < 200 || exchange.status() >= 300) {
            throw HubErrors.forStatus(exchange, ref, null, settings, http.sendsTokenTo(exchange.url()));
        }
        String what = "GET " + HubUrls.withoutQuery(exchange.url());
        JsonNode info;
        try {
            info = StrictJson.parse(exchange.response().body(), what);
        } catch (MalformedTextException e) {
            throw new HubException(HubException.Reason.PROTOCOL, what + " answered " + e.problemWithLocation(), e);
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

    private HubException notTheHub(String what, String problem) {
        return new HubException(HubException.Reason.PROTOCOL, what + " answered with " + problem + ": "
                + settings.endpoint() + " does not look like a Hugging Face Hub; check HF_ENDPOINT, proxy and"
                + " firewall settings");
    }
}
