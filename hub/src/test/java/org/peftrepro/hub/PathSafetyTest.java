package org.peftrepro.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peftrepro.hub.TestClients.COMMIT;
import static org.peftrepro.hub.TestClients.utf8;

/** Nothing a caller or a server names may be written outside the repository's cache folder. */
class PathSafetyTest {
    @TempDir
    Path home;
    private FakeCdn cdn;
    private FakeHub hub;

    @BeforeEach
    void startServers() throws IOException {
        cdn = new FakeCdn();
        hub = new FakeHub(cdn);
    }

    @AfterEach
    void stopServers() {
        hub.close();
        cdn.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/evil.txt", "a\\..\\evil.txt",
            "a//b.txt", "dir/", "./config.json", ""})
    void unsafeFilePathIsRefusedBeforeAnythingIsWrittenOrRequested(String path) {
        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .download("org/model", RepoType.MODEL, "main", path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("refusing file path '" + path + "' of model repository 'org/model'");

        assertThat(home.resolve("hub")).doesNotExist();
        assertThat(hub.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../main", "refs/../../x", "/abs", "a\\b"})
    void unsafeRevisionIsRefused(String revision) {
        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .download("org/model", RepoType.MODEL, revision, "config.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + revision + "' is not a usable revision");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void listingWithAnEscapingNameIsRefusedBeforeAnyDownload() {
        hub.repo(RepoType.DATASET, "org/data").commit(COMMIT, "main")
                .file(COMMIT, "a.csv", utf8("x"))
                .file(COMMIT, "../../../escape.csv", utf8("y"));

        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .snapshot("org/data", RepoType.DATASET, "main", List.of("*.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../../../escape.csv'");

        assertThat(hub.requests("HEAD")).isEmpty();
        assertThat(regularFilesUnder(home)).isEmpty();
    }

    @Test
    void etagThatWouldClimbOutOfBlobsIsRefused() {
        hub.override("HEAD", "/org/model/resolve/main/config.json", exchange -> {
            exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            exchange.getResponseHeaders().set("ETag", "\"../../../evil\"");
            exchange.getResponseHeaders().set("Content-Length", "2");
            LoopbackServer.sendHeadersOnly(exchange, 200);
        });

        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .download("org/model", RepoType.MODEL, "main", "config.json"))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.reason()).isEqualTo(HubException.Reason.PROTOCOL))
                .hasMessageContaining("cannot name a blob file");
        assertThat(hub.requests("GET")).isEmpty();
        assertThat(regularFilesUnder(home)).isEmpty();
    }

    @Test
    void shardIndexNamingAFileOutsideTheRepositoryIsRefused() {
        hub.repo(RepoType.MODEL, "org/sharded").commit(COMMIT, "main")
                .file(COMMIT, "model.safetensors.index.json",
                        utf8("{\"weight_map\": {\"w\": \"../../../../evil.safetensors\"}}"));

        assertThatThrownBy(() -> TestClients.client(home, hub.base())
                .resolveModelFolder("org/sharded", List.of("model.safetensors")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../../../../evil.safetensors'");
        assertThat(home.resolve("evil.safetensors")).doesNotExist();
        assertThat(hub.requests("HEAD")).extracting(LoopbackServer.Recorded::rawPath).containsExactly(
                "/org/sharded/resolve/main/model.safetensors",
                "/org/sharded/resolve/main/model.safetensors.index.json");
    }

    private static List<Path> regularFilesUnder(Path folder) {
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().endsWith(".lock"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
