package org.peftrepro.hub;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class HubUrlsTest {

    @Test
    void quotingMatchesPythonUrllibQuote() {
        // urllib.parse.quote("a b/c+d é.json") == "a%20b/c%2Bd%20%C3%A9.json"
        assertThat(HubUrls.quote("a b/c+d é.json", true)).isEqualTo("a%20b/c%2Bd%20%C3%A9.json");
        // urllib.parse.quote("refs/pr/1", safe="") == "refs%2Fpr%2F1"
        assertThat(HubUrls.quote("refs/pr/1", false)).isEqualTo("refs%2Fpr%2F1");
        assertThat(HubUrls.quote("model-00001_of.v~2", true)).isEqualTo("model-00001_of.v~2");
    }

    @Test
    void resolveAndApiUrlsFollowTheHubScheme() {
        RepoRef model = new RepoRef(RepoId.parse("FacebookAI/roberta-base@v1"), RepoType.MODEL);
        RepoRef dataset = new RepoRef(RepoId.parse("nyu-mll/glue"), RepoType.DATASET);

        assertThat(HubUrls.resolve("https://huggingface.co", model, "config.json"))
                .isEqualTo(URI.create("https://huggingface.co/FacebookAI/roberta-base/resolve/v1/config.json"));
        assertThat(HubUrls.resolve("https://huggingface.co", dataset, "cola/train-00000-of-00001.parquet"))
                .isEqualTo(URI.create("https://huggingface.co/datasets/nyu-mll/glue/resolve/main/"
                        + "cola/train-00000-of-00001.parquet"));
        assertThat(HubUrls.revisionInfo("https://huggingface.co", dataset))
                .isEqualTo(URI.create("https://huggingface.co/api/datasets/nyu-mll/glue/revision/main"));
    }

    @Test
    void originIncludesSchemeHostAndPort() {
        URI hub = URI.create("https://huggingface.co/x");
        assertThat(HubUrls.sameOrigin(hub, URI.create("https://HuggingFace.co:443/y"))).isTrue();
        assertThat(HubUrls.sameOrigin(hub, URI.create("https://cdn-lfs.huggingface.co/y"))).isFalse();
        assertThat(HubUrls.sameOrigin(hub, URI.create("http://huggingface.co/y"))).isFalse();
        assertThat(HubUrls.sameOrigin(URI.create("http://127.0.0.1:8000/"), URI.create("http://127.0.0.1:8001/")))
                .isFalse();
    }

    @Test
    void messagesLeaveOutPresignedQueries() {
        assertThat(HubUrls.withoutQuery(URI.create("https://cdn.example/blobs/ab?X-Amz-Signature=secret")))
                .isEqualTo("https://cdn.example/blobs/ab");
    }

    @Test
    void etagsLoseQuotesAndWeakMarker() {
        assertThat(FileMetadata.normalizeEtag("\"abc123\"")).isEqualTo("abc123");
        assertThat(FileMetadata.normalizeEtag("W/\"abc123\"")).isEqualTo("abc123");
        assertThat(FileMetadata.normalizeEtag("abc123")).isEqualTo("abc123");
    }
}
