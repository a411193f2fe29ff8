package org.peftrepro.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peftrepro.hub.TestClients.COMMIT;
import static org.peftrepro.hub.TestClients.utf8;

/** Serving from a cache filled the way Python's huggingface_hub fills it, without the Hub. */
class HubOfflineTest {
    private static final String REPO = "FacebookAI/roberta-base";
    private static final byte[] CONFIG = utf8("{\"model_type\": \"roberta\", \"hidden_size\": 768}");
    private static final String CONFIG_BLOB = "d8a3b8c1e5f20a7b6c9d0e1f2a3b4c5d6e7f8091";

    @TempDir
    Path home;
    private FakeHub hub;
    private FakeCdn cdn;
    private Path repoFolder;

    @BeforeEach
    void fillCacheByHand() throws IOException {
        cdn = new FakeCdn();
        hub = new FakeHub(cdn);
        repoFolder = home.resolve("hub/models--FacebookAI--roberta-base");
        Files.createDirectories(repoFolder.resolve("blobs"));
        Files.write(repoFolder.resolve("blobs").resolve(CONFIG_BLOB), CONFIG);
        Path snapshot = Files.createDirectories(repoFolder.resolve("snapshots").resolve(COMMIT));
        Files.createSymbolicLink(snapshot.resolve("config.json"), Path.of("../../blobs/" + CONFIG_BLOB));
        Files.createDirectories(repoFolder.resolve("refs"));
        Files.writeString(repoFolder.resolve("refs/main"), COMMIT);

        Path glue = home.resolve("hub/datasets--nyu-mll--glue");
        Files.createDirectories(glue.resolve("blobs"));
        Files.write(glue.resolve("blobs/ab12"), utf8("parquet bytes"));
        Path colaFolder = Files.createDirectories(glue.resolve("snapshots").resolve(COMMIT).resolve("cola"));
        Files.createSymbolicLink(colaFolder.resolve("train-00000-of-00001.parquet"), Path.of("../../../blobs/ab12"));
        Files.createDirectories(glue.resolve("refs"));
        Files.writeString(glue.resolve("refs/main"), COMMIT);
    }

    @AfterEach
    void stopServers() {
        hub.close();
        cdn.close();
    }

    private HubClient offlineClient() {
        Map<String, String> env = TestClients.environment(home, hub.base());
        env.put("HF_HUB_OFFLINE", "1");
        return TestClients.client(env, home, 1);
    }

    @Test
    void offlineModeServesABranchThroughRefsAndACommitDirectly() throws IOException {
        HubClient client = offlineClient();

        Path byBranch = client.download(REPO, RepoType.MODEL, "main", "config.json");
        Path byCommit = client.download(REPO, RepoType.MODEL, COMMIT, "config.json");

        Path expected = repoFolder.resolve("snapshots").resolve(COMMIT).resolve("config.json");
        assertThat(byBranch).isEqualTo(expected);
        assertThat(byCommit).isEqualTo(expected);
        assertThat(Files.readAllBytes(byBranch)).isEqualTo(CONFIG);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineMissingFileNamesRepositoryRevisionFileAndCacheFolderAndHowToFix() {
        assertThatThrownBy(() -> offlineClient().download(REPO, RepoType.MODEL, "main", "tokenizer.json"))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.NOT_CACHED))
                .hasMessageStartingWith("file 'tokenizer.json' of model repository 'FacebookAI/roberta-base'"
                        + " at revision 'main' is not in the cache")
                .hasMessageContaining("offline mode is on (HF_HUB_OFFLINE=1)")
                .hasMessageContaining("Looked in " + repoFolder)
                .hasMessageContaining("snapshots/" + COMMIT + "/tokenizer.json is missing")
                .hasMessageContaining("leave offline mode (unset HF_HUB_OFFLINE) and run once with network access")
                .hasMessageContaining("copy the files into that cache folder");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineUnknownRevisionSaysItsRefIsMissing() {
        assertThatThrownBy(() -> offlineClient().download(REPO, RepoType.MODEL, "v2", "config.json"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("refs/v2 is missing");
    }

    @Test
    void unreachableHubFallsBackToTheCache() throws IOException {
        HubClient client = TestClients.client(TestClients.environment(home, "http://127.0.0.1:" + closedPort()),
                home, 1);

        Path file = client.download(REPO, RepoType.MODEL, "main", "config.json");

        assertThat(Files.readAllBytes(file)).isEqualTo(CONFIG);
        assertThatThrownBy(() -> client.download(REPO, RepoType.MODEL, "main", "merges.txt"))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.NOT_CACHED))
                .hasMessageContaining("the Hub could not be reached")
                .hasMessageContaining("merges.txt")
                .hasMessageContaining("run again once the Hub can be reached")
                .as("offline mode is not on: no hint to leave it").hasMessageNotContaining("HF_HUB_OFFLINE");
    }

    @Test
    void failingHubFallsBackToTheCacheButAMissingFileIsFinal() throws IOException {
        hub.override("HEAD", "/FacebookAI/roberta-base/resolve/main/config.json",
                exchange -> LoopbackServer.sendHeadersOnly(exchange, 500));
        hub.repo(RepoType.MODEL, REPO).commit(COMMIT, "main");
        HubClient client = TestClients.client(home, hub.base());

        assertThat(Files.readAllBytes(client.download(REPO, RepoType.MODEL, "main", "config.json")))
                .isEqualTo(CONFIG);
        assertThatThrownBy(() -> client.download(REPO, RepoType.MODEL, "main", "vocab.json"))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.FILE_NOT_FOUND));
    }

    @Test
    void offlineSnapshotMatchesCachedFilesAgainstThePatterns() throws IOException {
        HubClient client = offlineClient();

        Path snapshot = client.snapshot("nyu-mll/glue", RepoType.DATASET, "main", List.of("cola/train-*.parquet"));

        assertThat(snapshot).isEqualTo(home.resolve("hub/datasets--nyu-mll--glue/snapshots").resolve(COMMIT));
        assertThat(Files.readString(snapshot.resolve("cola/train-00000-of-00001.parquet"))).isEqualTo("parquet bytes");
        assertThatThrownBy(() -> client.snapshot("nyu-mll/glue", RepoType.DATASET, "main", List.of("sst2/*")))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.NOT_CACHED))
                .hasMessageContaining("files matching [sst2/*] of dataset repository 'nyu-mll/glue'")
                .hasMessageContaining("--repo-type dataset");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineListingIsRefused() {
        assertThatThrownBy(() -> offlineClient().listFiles(REPO, RepoType.MODEL, "main"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("offline mode is on");
    }

    @Test
    void cacheEntryLeadingOutsideItsRepositoryIsRefused() throws IOException {
        Path outside = Files.writeString(home.resolve("outside.json"), "{}");
        Path snapshot = repoFolder.resolve("snapshots").resolve(COMMIT);
        Files.createSymbolicLink(snapshot.resolve("escape.json"), Path.of("../../../../outside.json"));
        assertThat(snapshot.resolve("escape.json").toRealPath()).isEqualTo(outside.toRealPath());

        assertThatThrownBy(() -> offlineClient().download(REPO, RepoType.MODEL, "main", "escape.json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("outside its repository folder");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
