package org.peftrepro.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.peftrepro.hub.TestClients.COMMIT;
import static org.peftrepro.hub.TestClients.TOKEN;
import static org.peftrepro.hub.TestClients.utf8;

class HubErrorsTest {
    private static final String LLAMA = "meta-llama/Llama-2-7b-hf";
    private static final String LLAMA_CONFIG = "/meta-llama/Llama-2-7b-hf/resolve/main/config.json";

    @TempDir
    Path home;
    private FakeCdn cdn;
    private FakeHub hub;
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void startServers() throws IOException {
        cdn = new FakeCdn();
        hub = new FakeHub(cdn);
        hub.repo(RepoType.MODEL, "FacebookAI/roberta-base").commit(COMMIT, "main")
                .file(COMMIT, "config.json", utf8("{}"));
    }

    @AfterEach
    void tokenNeverAppearsInAnyMessage() {
        hub.close();
        cdn.close();
        assertThat(messages).isNotEmpty().noneMatch(message -> message.contains(TOKEN));
    }

    @Test
    void gatedRepositoryWithoutTokenSaysToAcceptTheLicenseAndSetHfToken() {
        gate(401);
        HubClient anonymous = TestClients.client(TestClients.environment(home, hub.base()), home, 1);

        HubException e = failure(() -> anonymous.download(LLAMA, RepoType.MODEL, "main", "config.json"));

        assertThat(e.reason()).isEqualTo(HubException.Reason.ACCESS_DENIED);
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage())
                .contains("gated or private repository '" + LLAMA + "'")
                .contains("accept its license on the Hub at " + hub.base() + "/" + LLAMA)
                .contains("set HF_TOKEN")
                .contains("no token was sent");
        assertThat(hub.requests("HEAD").get(0).header("Authorization")).isEmpty();
    }

    @Test
    void forbiddenWithATokenNamesWhereTheTokenCameFromButNotTheToken() {
        gate(403);

        HubException e = failure(() -> TestClients.client(home, hub.base())
                .download(LLAMA, RepoType.MODEL, "main", "config.json"));

        assertThat(e.reason()).isEqualTo(HubException.Reason.ACCESS_DENIED);
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.getMessage())
                .contains("gated or private repository '" + LLAMA + "'")
                .contains("the token from HF_TOKEN was sent");
        assertThat(hub.requests("HEAD").get(0).header("Authorization")).contains("Bearer " + TOKEN);
    }

    @Test
    void unauthorizedRepoNotFoundAlsoSuggestsCheckingTheId() {
        hub.override("HEAD", "/someone/privat-model/resolve/main/config.json", exchange -> {
            exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
            LoopbackServer.sendHeadersOnly(exchange, 401);
        });

        HubException e = failure(() -> TestClients.client(home, hub.base())
                .download("someone/privat-model", RepoType.MODEL, "main", "config.json"));

        assertThat(e.getMessage()).contains("gated or private repository 'someone/privat-model'")
                .contains("check the id");
    }

    @Test
    void notFoundNamesTheRepositoryTheRevisionOrTheFile() {
        HubClient client = TestClients.client(home, hub.base());

        HubException repository = failure(() -> client.download("FacebookAI/roberta-bass", RepoType.MODEL, "main",
                "config.json"));
        HubException revision = failure(() -> client.download("FacebookAI/roberta-base", RepoType.MODEL, "v9",
                "config.json"));
        HubException file = failure(() -> client.download("FacebookAI/roberta-base", RepoType.MODEL, "main",
                "tokenizer.json"));

        assertThat(repository.reason()).isEqualTo(HubException.Reason.REPOSITORY_NOT_FOUND);
        assertThat(repository.getMessage()).startsWith("repository not found: model repository"
                + " 'FacebookAI/roberta-bass' does not exist");
        assertThat(revision.reason()).isEqualTo(HubException.Reason.REVISION_NOT_FOUND);
        assertThat(revision.getMessage()).startsWith("revision not found: model repository"
                + " 'FacebookAI/roberta-base' has no branch, tag or commit 'v9'");
        assertThat(file.reason()).isEqualTo(HubException.Reason.FILE_NOT_FOUND);
        assertThat(file.getMessage()).startsWith("file not found: model repository 'FacebookAI/roberta-base'"
                + " has no file 'tokenizer.json' at revision 'main'");
        assertThat(file.statusCode()).isEqualTo(404);
    }

    @Test
    void notFoundWithoutErrorCodeNamesAllThreeCandidates() {
        hub.override("HEAD", "/org/model/resolve/main/config.json",
                exchange -> LoopbackServer.sendHeadersOnly(exchange, 404));

        HubException e = failure(() -> TestClients.client(home, hub.base())
                .download("org/model", RepoType.MODEL, "main", "config.json"));

        assertThat(e.reason()).isEqualTo(HubException.Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains("model repository 'org/model'").contains("revision 'main'")
                .contains("file 'config.json'");
    }

    @Test
    void otherStatusesAreReportedWithTheirCode() {
        hub.override("HEAD", "/org/model/resolve/main/config.json",
                exchange -> LoopbackServer.sendHeadersOnly(exchange, 503));

        HubException e = failure(() -> TestClients.client(home, hub.base())
                .download("org/model", RepoType.MODEL, "main", "config.json"));

        assertThat(e.reason()).isEqualTo(HubException.Reason.HTTP_STATUS);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.getMessage()).startsWith("HTTP 503 from " + hub.base()
                + "/org/model/resolve/main/config.json while reading 'config.json' of model repository 'org/model'");
    }

    @Test
    void listingAMissingDatasetSaysRepositoryNotFound() {
        HubException e = failure(() -> TestClients.client(home, hub.base())
                .listFiles("nyu-mll/glu", RepoType.DATASET, "main"));

        assertThat(e.reason()).isEqualTo(HubException.Reason.REPOSITORY_NOT_FOUND);
        assertThat(e.getMessage()).contains("dataset repository 'nyu-mll/glu' does not exist");
        assertThat(hub.requests("GET").get(0).rawPath()).isEqualTo("/api/datasets/nyu-mll/glu/revision/main");
    }

    @Test
    void answersThatAreNotFromAHubAreReportedAsSuch() {
        hub.override("HEAD", "/org/model/resolve/main/config.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Length", "10");
            LoopbackServer.sendHeadersOnly(exchange, 200);
        });

        HubException e = failure(() -> TestClients.client(home, hub.base())
                .download("org/model", RepoType.MODEL, "main", "config.json"));

        assertThat(e.reason()).isEqualTo(HubException.Reason.PROTOCOL);
        assertThat(e.getMessage()).contains("no X-Repo-Commit header").contains("check HF_ENDPOINT");
    }

    @Test
    void settingsAndTokenDescriptionsHideTheToken() throws IOException {
        Files.writeString(home.resolve("token"), TOKEN + "\n");
        HubSettings fromFile = HubSettings.fromMap(Map.of("HF_HOME", home.toString()), home);
        HubSettings fromVariable = HubSettings.fromMap(Map.of("HF_HOME", home.toString(), "HF_TOKEN", TOKEN), home);

        messages.add(fromFile.toString());
        messages.add(fromVariable.toString());
        messages.add(fromVariable.token().orElseThrow().toString());

        assertThat(fromFile.token().orElseThrow().value()).isEqualTo(TOKEN);
        assertThat(fromVariable.toString()).contains("HF_TOKEN");
    }

    private void gate(int status) {
        hub.override("HEAD", LLAMA_CONFIG, exchange -> {
            exchange.getResponseHeaders().set("X-Error-Code", "GatedRepo");
            LoopbackServer.sendHeadersOnly(exchange, status);
        });
    }

    /** Runs {@code call}, expects a HubException and keeps its message (and its causes') for the token check. */
    private HubException failure(ThrowingCall call) {
        HubException e = catchThrowableOfType(HubException.class, call::run);
        assertThat(e).as("expected a HubException").isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
        }
        return e;
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }
}
