package org.peftrepro.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSettingsTest {
    @TempDir
    Path userHome;

    @Test
    void defaultsFollowHuggingfaceHub() {
        HubSettings settings = HubSettings.fromMap(Map.of(), userHome);

        assertThat(settings.hfHome()).isEqualTo(userHome.resolve(".cache/huggingface"));
        assertThat(settings.hubCache()).isEqualTo(userHome.resolve(".cache/huggingface/hub"));
        assertThat(settings.token()).isEmpty();
        assertThat(settings.offline()).isFalse();
        assertThat(settings.endpoint()).isEqualTo("https://huggingface.co");
        assertThat(settings.downloadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.etagTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void variablesOverrideTheDefaults() {
        HubSettings settings = HubSettings.fromMap(Map.of(
                "HF_HOME", "~/hf",
                "HF_HUB_CACHE", "/data/hub-cache",
                "HF_ENDPOINT", "http://127.0.0.1:8080/mirror/",
                "HF_HUB_OFFLINE", "1",
                "HF_HUB_DOWNLOAD_TIMEOUT", "2.5",
                "HF_HUB_ETAG_TIMEOUT", "30"), userHome);

        assertThat(settings.hfHome()).isEqualTo(userHome.resolve("hf"));
        assertThat(settings.hubCache()).isEqualTo(Path.of("/data/hub-cache"));
        assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:8080/mirror");
        assertThat(settings.offline()).isTrue();
        assertThat(settings.downloadTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.etagTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void hubCacheDefaultsToHubUnderHfHomeAndXdgCacheHomeMovesHfHome() {
        assertThat(HubSettings.fromMap(Map.of("HF_HOME", "/opt/hf"), userHome).hubCache())
                .isEqualTo(Path.of("/opt/hf/hub"));
        assertThat(HubSettings.fromMap(Map.of("XDG_CACHE_HOME", "/var/cache"), userHome).hfHome())
                .isEqualTo(Path.of("/var/cache/huggingface"));
    }

    @Test
    void offlineAcceptsThePythonTrueValuesOnly() {
        for (String yes : new String[] {"1", "true", "TRUE", "yes", "On"}) {
            assertThat(HubSettings.fromMap(Map.of("HF_HUB_OFFLINE", yes), userHome).offline()).as(yes).isTrue();
        }
        for (String no : new String[] {"0", "false", "no", ""}) {
            assertThat(HubSettings.fromMap(Map.of("HF_HUB_OFFLINE", no), userHome).offline()).as(no).isFalse();
        }
    }

    @Test
    void tokenComesFromHfTokenElseFromTheTokenFile() throws IOException {
        Path hfHome = Files.createDirectories(userHome.resolve("hf"));
        Files.writeString(hfHome.resolve("token"), "hf_fromFile\n");

        HubSettings fromFile = HubSettings.fromMap(Map.of("HF_HOME", hfHome.toString()), userHome);
        HubSettings fromVariable = HubSettings.fromMap(
                Map.of("HF_HOME", hfHome.toString(), "HF_TOKEN", " hf_fromVariable "), userHome);

        assertThat(fromFile.token()).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo("hf_fromFile");
            assertThat(token.source()).isEqualTo(hfHome.resolve("token").toString());
        });
        assertThat(fromVariable.token()).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo("hf_fromVariable");
            assertThat(token.source()).isEqualTo("HF_TOKEN");
        });
    }

    @Test
    void malformedValuesNameTheirVariable() {
        assertThatThrownBy(() -> HubSettings.fromMap(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "ten"), userHome))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_HUB_DOWNLOAD_TIMEOUT='ten'");
        assertThatThrownBy(() -> HubSettings.fromMap(Map.of("HF_HUB_ETAG_TIMEOUT", "-1"), userHome))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_HUB_ETAG_TIMEOUT='-1'");
        assertThatThrownBy(() -> HubSettings.fromMap(Map.of("HF_ENDPOINT", "huggingface.co"), userHome))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_ENDPOINT='huggingface.co' is not an http(s) URL");
    }
}
