package org.peftrepro.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peftrepro.hub.TestClients.COMMIT;
import static org.peftrepro.hub.TestClients.OTHER_COMMIT;
import static org.peftrepro.hub.TestClients.TOKEN;
import static org.peftrepro.hub.TestClients.bytes;
import static org.peftrepro.hub.TestClients.utf8;

class HubSnapshotTest {
    private static final String COLA_TRAIN = "cola/train-00000-of-00001.parquet";

    @TempDir
    Path home;
    private FakeCdn cdn;
    private FakeHub hub;
    private FakeHub.Repo glue;

    @BeforeEach
    void startServers() throws IOException {
        cdn = new FakeCdn();
        hub = new FakeHub(cdn);
        glue = hub.repo(RepoType.DATASET, "nyu-mll/glue").commit(COMMIT, "main");
        glue.file(COMMIT, "README.md", utf8("# GLUE"));
        glue.lfsFile(COMMIT, COLA_TRAIN, bytes(40_000, 11));
        glue.lfsFile(COMMIT, "cola/validation-00000-of-00001.parquet", bytes(5_000, 12));
        glue.lfsFile(COMMIT, "sst2/train-00000-of-00001.parquet", bytes(60_000, 13));
    }

    @AfterEach
    void stopServers() {
        hub.close();
        cdn.close();
    }

    @Test
    void listFilesReturnsTheCommitAndEveryFileInOrder() throws IOException {
        RepoListing listing = TestClients.client(home, hub.base()).listFiles("nyu-mll/glue", RepoType.DATASET, "main");

        assertThat(listing.commit()).isEqualTo(COMMIT);
        assertThat(listing.files()).containsExactly("README.md", COLA_TRAIN,
                "cola/validation-00000-of-00001.parquet", "sst2/train-00000-of-00001.parquet");
        assertThat(hub.requests()).singleElement().satisfies(request -> {
            assertThat(request.rawPath()).isEqualTo("/api/datasets/nyu-mll/glue/revision/main");
            assertThat(request.header("Authorization")).contains("Bearer " + TOKEN);
        });
    }

    @Test
    void snapshotDownloadsOnlyTheMatchingFilesAtTheListedCommit() throws IOException {
        Path snapshot = TestClients.client(home, hub.base())
                .snapshot("nyu-mll/glue", RepoType.DATASET, "main", List.of("cola/train-*.parquet"));

        Path repoFolder = home.resolve("hub/datasets--nyu-mll--glue");
        assertThat(snapshot).isEqualTo(repoFolder.resolve("snapshots").resolve(COMMIT));
        assertThat(filesUnder(snapshot)).containsExactly(COLA_TRAIN);
        assertThat(Files.readAllBytes(snapshot.resolve(COLA_TRAIN))).isEqualTo(bytes(40_000, 11));
        assertThat(Files.readString(repoFolder.resolve("refs/main"))).isEqualTo(COMMIT);
        assertThat(hub.requests("HEAD")).singleElement().satisfies(head -> assertThat(head.rawPath())
                .isEqualTo("/datasets/nyu-mll/glue/resolve/" + COMMIT + "/" + COLA_TRAIN));
    }

    @Test
    void snapshotWithoutPatternsTakesEveryFile() throws IOException {
        Path snapshot = TestClients.client(home, hub.base()).snapshot("nyu-mll/glue", RepoType.DATASET, "main",
                List.of());

        assertThat(filesUnder(snapshot)).hasSize(4);
    }

    @Test
    void snapshotMatchingNothingListsWhatTheRepositoryHas() {
        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .snapshot("nyu-mll/glue", RepoType.DATASET, "main", List.of("mnli/*.parquet")))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.FILE_NOT_FOUND))
                .hasMessageContaining("no file of dataset repository 'nyu-mll/glue' at revision 'main' matches"
                        + " [mnli/*.parquet]")
                .hasMessageContaining(COLA_TRAIN);
    }

    @Test
    void existingLocalFolderIsReturnedAsItIs() throws IOException {
        Path local = Files.createDirectories(home.resolve("my-model"));

        Path resolved = TestClients.client(home, hub.base()).resolveModelFolder(local.toString(),
                List.of("config.json"));

        assertThat(resolved).isEqualTo(local);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void hubIdIsDownloadedIntoOneSnapshotFolder() throws IOException {
        hub.repo(RepoType.MODEL, "FacebookAI/roberta-base").commit(COMMIT, "main", "v1")
                .file(COMMIT, "config.json", utf8("{}"))
                .file(COMMIT, "tokenizer.json", utf8("{\"model\": {}}"))
                .lfsFile(COMMIT, "model.safetensors", bytes(30_000, 14));

        Path folder = TestClients.client(home, hub.base()).resolveModelFolder("FacebookAI/roberta-base@v1",
                List.of("config.json", "model.safetensors", "tokenizer.json"));

        Path repoFolder = home.resolve("hub/models--FacebookAI--roberta-base");
        assertThat(folder).isEqualTo(repoFolder.resolve("snapshots").resolve(COMMIT));
        assertThat(filesUnder(folder)).containsExactlyInAnyOrder("config.json", "model.safetensors",
                "tokenizer.json");
        assertThat(Files.readString(repoFolder.resolve("refs/v1"))).isEqualTo(COMMIT);
        // Only the first file asks for v1; the others are pinned to the commit it resolved to.
        assertThat(hub.requests("HEAD")).extracting(LoopbackServer.Recorded::rawPath).containsExactly(
                "/FacebookAI/roberta-base/resolve/v1/config.json",
                "/FacebookAI/roberta-base/resolve/" + COMMIT + "/model.safetensors",
                "/FacebookAI/roberta-base/resolve/" + COMMIT + "/tokenizer.json");
    }

    @Test
    void shardedWeightsAreFetchedThroughTheirIndex() throws IOException {
        String index = """
                {"metadata": {"total_size": 70000},
                 "weight_map": {"embed.weight": "model-00001-of-00002.safetensors",
                                "layers.0.weight": "model-00001-of-00002.safetensors",
                                "lm_head.weight": "model-00002-of-00002.safetensors"}}""";
        hub.repo(RepoType.MODEL, "meta-llama/Llama-2-7b-hf").commit(OTHER_COMMIT, "main")
                .file(OTHER_COMMIT, "config.json", utf8("{}"))
                .file(OTHER_COMMIT, "model.safetensors.index.json", utf8(index))
                .lfsFile(OTHER_COMMIT, "model-00001-of-00002.safetensors", bytes(40_000, 15));
        hub.repo(RepoType.MODEL, "meta-llama/Llama-2-7b-hf")
                .lfsFile(OTHER_COMMIT, "model-00002-of-00002.safetensors", bytes(30_000, 16));

        Path folder = TestClients.client(home, hub.base()).resolveModelFolder("meta-llama/Llama-2-7b-hf",
                List.of("config.json", "model.safetensors"));

        assertThat(filesUnder(folder)).containsExactlyInAnyOrder("config.json", "model.safetensors.index.json",
                "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        assertThat(Files.readAllBytes(folder.resolve("model-00002-of-00002.safetensors")))
                .isEqualTo(bytes(30_000, 16));
    }

    @Test
    void aShardIndexWithContentAfterItsObjectIsAnErrorAndNoShardIsFetched() {
        String index = """
                {"weight_map": {"embed.weight": "model-00001-of-00002.safetensors"}}
                {"weight_map": {"embed.weight": "model-00002-of-00002.safetensors"}}""";
        hub.repo(RepoType.MODEL, "meta-llama/Llama-2-7b-hf").commit(OTHER_COMMIT, "main")
                .file(OTHER_COMMIT, "config.json", utf8("{}"))
                .file(OTHER_COMMIT, "model.safetensors.index.json", utf8(index))
                .lfsFile(OTHER_COMMIT, "model-00001-of-00002.safetensors", bytes(40_000, 15));

        assertThatThrownBy(() -> TestClients.client(home, hub.base()).resolveModelFolder("meta-llama/Llama-2-7b-hf",
                List.of("config.json", "model.safetensors")))
                .hasMessageEndingWith("model.safetensors.index.json: not valid JSON (line 2, column 1): more content"
                        + " after the end of the JSON value (a second value, or stray text)");
        assertThat(hub.requests()).noneMatch(r -> r.rawPath().contains("model-0000"));
    }

    @Test
    void somethingThatIsNeitherAFolderNorAnIdIsExplained() {
        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .resolveModelFolder("not/a/folder", List.of("config.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model 'not/a/folder' is neither an existing folder nor a Hub model id");
    }

    private static List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(Files::isRegularFile)
                    .map(path -> folder.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
