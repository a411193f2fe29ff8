package org.peftrepro.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peftrepro.hub.TestClients.COMMIT;
import static org.peftrepro.hub.TestClients.OTHER_COMMIT;
import static org.peftrepro.hub.TestClients.TOKEN;
import static org.peftrepro.hub.TestClients.bytes;
import static org.peftrepro.hub.TestClients.utf8;

class HubDownloadTest {
    private static final String REPO = "FacebookAI/roberta-base";

    @TempDir
    Path home;
    private FakeCdn cdn;
    private FakeHub hub;
    private Path repoFolder;

    @BeforeEach
    void startServers() throws IOException {
        cdn = new FakeCdn();
        hub = new FakeHub(cdn);
        repoFolder = home.resolve("hub").resolve("models--FacebookAI--roberta-base");
    }

    @AfterEach
    void stopServers() {
        hub.close();
        cdn.close();
    }

    @Test
    void regularFileIsStoredInThePythonCacheLayout() throws IOException {
        byte[] config = utf8("{\"model_type\": \"roberta\"}\n");
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").file(COMMIT, "config.json", config);
        String etag = FakeHub.gitBlobSha1(config);

        Path file = TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "main", "config.json");

        Path pointer = repoFolder.resolve("snapshots").resolve(COMMIT).resolve("config.json");
        Path blob = repoFolder.resolve("blobs").resolve(etag);
        assertThat(file).isEqualTo(pointer);
        assertThat(Files.isSymbolicLink(pointer)).isTrue();
        assertThat(Files.readSymbolicLink(pointer)).isEqualTo(Path.of("..", "..", "blobs", etag));
        assertThat(pointer.toRealPath()).isEqualTo(blob.toRealPath());
        assertThat(Files.readAllBytes(blob)).isEqualTo(config);
        assertThat(Files.readString(repoFolder.resolve("refs").resolve("main"))).isEqualTo(COMMIT);
        assertThat(fileNames(repoFolder.resolve("blobs"))).containsExactly(etag);

        assertThat(hub.requests()).extracting(LoopbackServer.Recorded::method).containsExactly("HEAD", "GET");
        assertThat(hub.requests()).allSatisfy(request -> {
            assertThat(request.rawPath()).isEqualTo("/FacebookAI/roberta-base/resolve/main/config.json");
            assertThat(request.header("Authorization")).contains("Bearer " + TOKEN);
        });
    }

    @Test
    void fileInASubfolderLinksBackToTheBlobsFolder() throws IOException {
        byte[] vocab = utf8("hello\nworld\n");
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").file(COMMIT, "tokenizer/extra/vocab.txt", vocab);

        Path file = TestClients.client(home, hub.base())
                .download(REPO, RepoType.MODEL, "main", "tokenizer/extra/vocab.txt");

        assertThat(Files.readSymbolicLink(file))
                .isEqualTo(Path.of("..", "..", "..", "..", "blobs", FakeHub.gitBlobSha1(vocab)));
        assertThat(Files.readAllBytes(file)).isEqualTo(vocab);
    }

    @Test
    void aCachedFileIsNotDownloadedAgainAndAKnownBlobIsReusedForANewCommit() throws IOException {
        byte[] config = utf8("{\"hidden_size\": 768}");
        FakeHub.Repo repo = hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").file(COMMIT, "config.json", config);
        HubClient client = TestClients.client(home, hub.base());

        client.download(REPO, RepoType.MODEL, "main", "config.json");
        client.download(REPO, RepoType.MODEL, "main", "config.json");
        assertThat(hub.requests("GET")).hasSize(1);

        // main moves to a new commit with the same content: a new snapshot entry, no new transfer.
        repo.commit(OTHER_COMMIT, "main").file(OTHER_COMMIT, "config.json", config);
        Path moved = client.download(REPO, RepoType.MODEL, "main", "config.json");

        assertThat(hub.requests("GET")).hasSize(1);
        assertThat(moved).isEqualTo(repoFolder.resolve("snapshots").resolve(OTHER_COMMIT).resolve("config.json"));
        assertThat(Files.readAllBytes(moved)).isEqualTo(config);
        assertThat(Files.readString(repoFolder.resolve("refs").resolve("main"))).isEqualTo(OTHER_COMMIT);
    }

    @Test
    void lfsFileComesFromTheCdnWithoutTheTokenAndIsNamedByItsSha256() throws IOException {
        byte[] weights = bytes(200_000, 1);
        String sha = hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main")
                .lfsFile(COMMIT, "model.safetensors", weights);

        Path file = TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "main", "model.safetensors");

        assertThat(sha).hasSize(64);
        assertThat(file.toRealPath()).isEqualTo(repoFolder.resolve("blobs").resolve(sha).toRealPath());
        assertThat(Files.readAllBytes(file)).isEqualTo(weights);
        assertThat(hub.requests()).singleElement().satisfies(head -> {
            assertThat(head.method()).isEqualTo("HEAD");
            assertThat(head.header("Authorization")).contains("Bearer " + TOKEN);
        });
        assertThat(cdn.requests("GET")).singleElement().satisfies(get -> {
            assertThat(get.rawPath()).isEqualTo("/blobs/" + sha);
            assertThat(get.header("Authorization")).isEmpty();
        });
    }

    @Test
    void relativeRedirectOfARenamedRepositoryIsFollowedWithTheToken() throws IOException {
        byte[] config = utf8("{\"renamed\": true}");
        hub.repo(RepoType.MODEL, "new-org/roberta-renamed").commit(COMMIT, "main").file(COMMIT, "config.json", config);
        hub.override("HEAD", "/old-org/roberta/resolve/main/config.json", exchange -> {
            exchange.getResponseHeaders().set("Location", "/new-org/roberta-renamed/resolve/main/config.json");
            LoopbackServer.sendHeadersOnly(exchange, 307);
        });

        Path file = TestClients.client(home, hub.base()).download("old-org/roberta", RepoType.MODEL, "main",
                "config.json");

        assertThat(Files.readAllBytes(file)).isEqualTo(config);
        assertThat(file).startsWith(home.resolve("hub").resolve("models--old-org--roberta"));
        assertThat(hub.requests()).extracting(request -> request.method() + " " + request.rawPath()).containsExactly(
                "HEAD /old-org/roberta/resolve/main/config.json",
                "HEAD /new-org/roberta-renamed/resolve/main/config.json",
                "GET /new-org/roberta-renamed/resolve/main/config.json");
        assertThat(hub.requests()).allSatisfy(request ->
                assertThat(request.header("Authorization")).contains("Bearer " + TOKEN));
    }

    @Test
    void absoluteRedirectOfADownloadToAnotherHostDropsTheToken() throws IOException {
        byte[] content = bytes(5_000, 2);
        String sha = FakeHub.sha256(content);
        cdn.put(sha, content);
        hub.override("HEAD", "/org/model/resolve/main/data.bin", exchange -> {
            exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            exchange.getResponseHeaders().set("ETag", "\"" + sha + "\"");
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(content.length));
            LoopbackServer.sendHeadersOnly(exchange, 200);
        });
        hub.override("GET", "/org/model/resolve/main/data.bin", exchange -> {
            exchange.getResponseHeaders().set("Location", cdn.urlOf(sha));
            LoopbackServer.sendHeadersOnly(exchange, 302);
        });

        Path file = TestClients.client(home, hub.base()).download("org/model", RepoType.MODEL, "main", "data.bin");

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(hub.requests("GET")).singleElement()
                .satisfies(get -> assertThat(get.header("Authorization")).contains("Bearer " + TOKEN));
        assertThat(cdn.requests("GET")).singleElement()
                .satisfies(get -> assertThat(get.header("Authorization")).isEmpty());
    }

    @Test
    void corruptedLfsFileIsRejectedAndLeavesNothingInTheCache() throws IOException {
        byte[] weights = bytes(100_000, 3);
        String sha = hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main")
                .lfsFile(COMMIT, "model.safetensors", weights);
        byte[] corrupted = weights.clone();
        corrupted[50_000] ^= 0x5a;
        cdn.put(sha, corrupted);

        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .download(REPO, RepoType.MODEL, "main", "model.safetensors"))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.INTEGRITY))
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining(sha)
                .hasMessageContaining(FakeHub.sha256(corrupted));

        assertThat(filesUnder(repoFolder.resolve("snapshots"))).isEmpty();
        assertThat(filesUnder(repoFolder.resolve("blobs"))).isEmpty();
    }

    @Test
    void downloadCutMidFileIsResumedWithARangeRequestByTheNextCall() throws IOException {
        byte[] weights = bytes(300_000, 4);
        String sha = hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main")
                .lfsFile(COMMIT, "model.safetensors", weights);
        cdn.cutNextGets(1, 120_000);
        Map<String, String> env = TestClients.environment(home, hub.base());
        HubClient singleAttempt = TestClients.client(env, home, 1);

        assertThatThrownBy(() -> singleAttempt.download(REPO, RepoType.MODEL, "main", "model.safetensors"))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.NETWORK))
                .hasMessageContaining("next run resumes");
        Path incomplete = repoFolder.resolve("blobs").resolve(sha + ".incomplete");
        long kept = Files.size(incomplete);
        assertThat(kept).isBetween(1L, 120_000L);
        assertThat(filesUnder(repoFolder.resolve("snapshots"))).isEmpty();

        Path file = singleAttempt.download(REPO, RepoType.MODEL, "main", "model.safetensors");

        assertThat(Files.readAllBytes(file)).isEqualTo(weights);
        assertThat(incomplete).doesNotExist();
        List<LoopbackServer.Recorded> gets = cdn.requests("GET");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).header("Range")).isEmpty();
        assertThat(gets.get(1).header("Range")).contains("bytes=" + kept + "-");
    }

    @Test
    void downloadCutMidFileIsResumedWithinTheSameCall() throws IOException {
        byte[] weights = bytes(250_000, 5);
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").lfsFile(COMMIT, "model.safetensors", weights);
        cdn.cutNextGets(1, 100_000);

        Path file = TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "main", "model.safetensors");

        assertThat(Files.readAllBytes(file)).isEqualTo(weights);
        List<LoopbackServer.Recorded> gets = cdn.requests("GET");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).header("Range")).hasValueSatisfying(range -> assertThat(range).matches("bytes=\\d+-"));
    }

    @Test
    void stalledDownloadTimesOutAfterTheDownloadTimeoutAndResumes() throws IOException {
        byte[] weights = bytes(200_000, 6);
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").lfsFile(COMMIT, "model.safetensors", weights);
        cdn.stallNextGet(80_000, 30_000);
        Map<String, String> env = TestClients.environment(home, hub.base());
        env.put("HF_HUB_DOWNLOAD_TIMEOUT", "0.5");

        long start = System.nanoTime();
        Path file = TestClients.client(env, home, 3).download(REPO, RepoType.MODEL, "main", "model.safetensors");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(Files.readAllBytes(file)).isEqualTo(weights);
        assertThat(seconds).isLessThan(15.0); // the server stays silent for 30 s
        assertThat(cdn.requests("GET")).hasSize(2);
        assertThat(cdn.requests("GET").get(1).header("Range")).isPresent();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void leftoverOfAServerThatIgnoresRangeIsReplacedNotAppendedTo() throws IOException {
        byte[] config = utf8("{\"vocab_size\": 50265}");
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").file(COMMIT, "config.json", config);
        Path incomplete = repoFolder.resolve("blobs").resolve(FakeHub.gitBlobSha1(config) + ".incomplete");
        Files.createDirectories(incomplete.getParent());
        Files.write(incomplete, utf8("{\"vo"));

        Path file = TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "main", "config.json");

        assertThat(Files.readAllBytes(file)).isEqualTo(config);
        assertThat(hub.requests("GET").get(0).header("Range")).contains("bytes=4-");
    }

    @Test
    void completeLeftoverIsVerifiedAndKeptWithoutTransfer() throws IOException {
        byte[] weights = bytes(50_000, 7);
        String sha = hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main")
                .lfsFile(COMMIT, "model.safetensors", weights);
        Path incomplete = repoFolder.resolve("blobs").resolve(sha + ".incomplete");
        Files.createDirectories(incomplete.getParent());
        Files.write(incomplete, weights);

        Path file = TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "main", "model.safetensors");

        assertThat(Files.readAllBytes(file)).isEqualTo(weights);
        assertThat(cdn.requests("GET")).isEmpty();
    }

    @Test
    void revisionWithSlashesIsOneUrlSegmentAndANestedRef() throws IOException {
        byte[] config = utf8("{}");
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "refs/pr/1").file(COMMIT, "config.json", config);

        TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "refs/pr/1", "config.json");

        assertThat(hub.requests("HEAD").get(0).rawPath())
                .isEqualTo("/FacebookAI/roberta-base/resolve/refs%2Fpr%2F1/config.json");
        assertThat(Files.readString(repoFolder.resolve("refs/refs/pr/1"))).isEqualTo(COMMIT);
    }

    @Test
    void datasetFilesUseTheDatasetsUrlAndCacheFolder() throws IOException {
        byte[] readme = utf8("# GLUE\n");
        hub.repo(RepoType.DATASET, "nyu-mll/glue").commit(COMMIT, "main").file(COMMIT, "README.md", readme);

        Path file = TestClients.client(home, hub.base()).download("nyu-mll/glue", RepoType.DATASET, "main",
                "README.md");

        assertThat(file).isEqualTo(home.resolve("hub/datasets--nyu-mll--glue/snapshots").resolve(COMMIT)
                .resolve("README.md"));
        assertThat(hub.requests("HEAD").get(0).rawPath()).isEqualTo("/datasets/nyu-mll/glue/resolve/main/README.md");
    }

    @Test
    void largeDownloadShowsAProgressBarOnStderr() throws IOException {
        byte[] weights = bytes((int) DownloadProgress.THRESHOLD_BYTES + 4096, 9);
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main").lfsFile(COMMIT, "model.safetensors", weights);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Path file;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            file = TestClients.client(home, hub.base()).download(REPO, RepoType.MODEL, "main", "model.safetensors");
        } finally {
            System.setErr(originalErr);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(weights);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("model.safetensors").contains("MiB");
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(path -> !Files.isDirectory(path)).toList();
        }
    }
}
