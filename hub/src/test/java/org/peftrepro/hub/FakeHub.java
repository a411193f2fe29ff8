package org.peftrepro.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hub on loopback that answers like huggingface.co: {@code /resolve/} HEAD and GET with X-Repo-Commit and
 * ETag, LFS files as a 302 to a {@link FakeCdn} with X-Linked-Etag/X-Linked-Size, 404s carrying X-Error-Code,
 * and {@code /api/{models|datasets}/{id}/revision/{rev}}. Single answers can be replaced with {@link #override}.
 */
final class FakeHub implements AutoCloseable {

    /** One repository: commits with their files, and branch or tag names pointing to commits. */
    final class Repo {
        final RepoType type;
        final String id;
        final Map<String, String> revisions = new ConcurrentHashMap<>();
        final Map<String, Map<String, byte[]>> files = new ConcurrentHashMap<>();
        final Map<String, String> lfsShas = new ConcurrentHashMap<>();

        private Repo(RepoType type, String id) {
            this.type = type;
            this.id = id;
        }

        /** Creates {@code commit} and points the given branch or tag names at it. */
        Repo commit(String commit, String... revisionNames) {
            files.computeIfAbsent(commit, c -> new LinkedHashMap<>());
            for (String name : revisionNames) {
                revisions.put(name, commit);
            }
            return this;
        }

        /** A file stored in git: ETag is its git blob sha1. */
        Repo file(String commit, String path, byte[] content) {
            files.get(commit).put(path, content);
            return this;
        }

        /** A file stored in LFS: served by the CDN, ETag is its sha256. Returns that sha256. */
        String lfsFile(String commit, String path, byte[] content) {
            String sha = sha256(content);
            files.get(commit).put(path, content);
            lfsShas.put(commit + "/" + path, sha);
            cdn.put(sha, content);
            return sha;
        }
    }

    private final FakeCdn cdn;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> overrides = new ConcurrentHashMap<>();
    private final LoopbackServer server;

    FakeHub(FakeCdn cdn) throws IOException {
        this.cdn = cdn;
        this.server = new LoopbackServer(this::handle);
    }

    Repo repo(RepoType type, String id) {
        return repos.computeIfAbsent(type.plural() + "/" + id, key -> new Repo(type, id));
    }

    /** Answers {@code method rawPath} with {@code handler} instead of the repository model. */
    void override(String method, String rawPath, HttpHandler handler) {
        overrides.put(method + " " + rawPath, handler);
    }

    String base() {
        return server.base();
    }

    List<LoopbackServer.Recorded> requests() {
        return server.requests();
    }

    List<LoopbackServer.Recorded> requests(String method) {
        return server.requests(method);
    }

    @Override
    public void close() {
        server.close();
    }

    static String sha256(byte[] content) {
        return hex("SHA-256", content);
    }

    /** git's object id of a blob: sha1 over "blob <size>\0" and the content. */
    static String gitBlobSha1(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] object = new byte[header.length + content.length];
        System.arraycopy(header, 0, object, 0, header.length);
        System.arraycopy(content, 0, object, header.length, content.length);
        return hex("SHA-1", object);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        HttpHandler override = overrides.get(method + " " + rawPath);
        if (override != null) {
            override.handle(exchange);
            return;
        }
        if (rawPath.startsWith("/api/")) {
            answerRevisionInfo(exchange, rawPath);
            return;
        }
        for (Repo repo : repos.values()) {
            String prefix = "/" + repo.type.urlPrefix() + repo.id + "/resolve/";
            if (rawPath.startsWith(prefix)) {
                answerResolve(exchange, repo, rawPath.substring(prefix.length()));
                return;
            }
        }
        notFound(exchange, "RepoNotFound");
    }

    private void answerResolve(HttpExchange exchange, Repo repo, String revisionAndPath) throws IOException {
        int slash = revisionAndPath.indexOf('/');
        String revision = decode(revisionAndPath.substring(0, slash));
        String path = decode(revisionAndPath.substring(slash + 1));
        String commit = commitOf(repo, revision);
        if (commit == null) {
            notFound(exchange, "RevisionNotFound");
            return;
        }
        exchange.getResponseHeaders().set("X-Repo-Commit", commit);
        byte[] content = repo.files.get(commit).get(path);
        if (content == null) {
            notFound(exchange, "EntryNotFound");
            return;
        }
        String lfsSha = repo.lfsShas.get(commit + "/" + path);
        if (lfsSha != null) {
            exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + lfsSha + "\"");
            exchange.getResponseHeaders().set("X-Linked-Size", Integer.toString(content.length));
            exchange.getResponseHeaders().set("ETag", "\"" + gitBlobSha1(content) + "\""); // of the LFS pointer
            exchange.getResponseHeaders().set("Content-Length", "134"); // size of the LFS pointer file
            exchange.getResponseHeaders().set("Location", cdn.urlOf(lfsSha));
            LoopbackServer.sendHeadersOnly(exchange, 302);
            return;
        }
        exchange.getResponseHeaders().set("ETag", "\"" + gitBlobSha1(content) + "\"");
        LoopbackServer.sendBytes(exchange, 200, content, 0, -1);
    }

    private void answerRevisionInfo(HttpExchange exchange, String rawPath) throws IOException {
        for (Repo repo : repos.values()) {
            String prefix = "/api/" + repo.type.plural() + "/" + repo.id + "/revision/";
            if (rawPath.startsWith(prefix)) {
                String commit = commitOf(repo, decode(rawPath.substring(prefix.length())));
                if (commit == null) {
                    notFound(exchange, "RevisionNotFound");
                    return;
                }
                StringBuilder json = new StringBuilder("{\"id\":\"" + repo.id + "\",\"sha\":\"" + commit
                        + "\",\"private\":false,\"siblings\":[");
                String separator = "";
                for (String file : repo.files.get(commit).keySet()) {
                    json.append(separator).append("{\"rfilename\":\"").append(file).append("\"}");
                    separator = ",";
                }
                json.append("]}");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                LoopbackServer.sendBytes(exchange, 200, json.toString().getBytes(StandardCharsets.UTF_8), 0, -1);
                return;
            }
        }
        notFound(exchange, "RepoNotFound");
    }

    private static String commitOf(Repo repo, String revision) {
        if (repo.files.containsKey(revision)) {
            return revision;
        }
        return repo.revisions.get(revision);
    }

    static void notFound(HttpExchange exchange, String errorCode) throws IOException {
        exchange.getResponseHeaders().set("X-Error-Code", errorCode);
        exchange.getResponseHeaders().set("X-Error-Message", errorCode.replace("NotFound", "") + " not found");
        LoopbackServer.sendHeadersOnly(exchange, 404);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
