package org.peftrepro.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.hub.HubClient;
import org.peftrepro.hub.HubSettings;
import org.peftrepro.models.config.RobertaConfig;

/** --model as a researcher gives it: a folder, or a Hub id already in the huggingface_hub cache. */
class ModelLocatorTest {
    @TempDir
    Path temp;

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String CONFIG = """
            {"model_type": "roberta", "vocab_size": 100, "hidden_size": 8, "num_hidden_layers": 1,
             "num_attention_heads": 2, "intermediate_size": 16, "max_position_embeddings": 20}""";

    private ModelLocator offlineLocator(Path cache) {
        return new ModelLocator(new HubClient(HubSettings.fromMap(
                Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1"), temp)));
    }

    @Test
    void aHubIdResolvesThroughAPythonLayoutCacheOffline() throws Exception {
        Path cache = temp.resolve("hub");
        Path repo = cache.resolve("models--acme--tiny-roberta");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/" + COMMIT));
        Files.writeString(snapshot.resolve("config.json"), CONFIG);

        RobertaConfig config = (RobertaConfig) offlineLocator(cache).hubConfig("acme/tiny-roberta");
        assertThat(config.hiddenSize()).isEqualTo(8);
    }

    @Test
    void aHubIdMissingFromTheCacheOfflineSaysWhatIsMissing() {
        assertThatThrownBy(() -> offlineLocator(temp.resolve("empty")).hubConfig("acme/absent"))
                .hasMessageContaining("acme/absent").hasMessageContaining("config.json");
    }

    @Test
    void aLocalFolderIsUsedAsIs() throws Exception {
        Files.writeString(temp.resolve("config.json"), CONFIG);
        assertThat(offlineLocator(temp.resolve("hub")).checkpointFolder(temp.toString())).isEqualTo(temp);
        assertThat(ModelLocator.config(temp.toString())).isInstanceOf(RobertaConfig.class);
    }
}
