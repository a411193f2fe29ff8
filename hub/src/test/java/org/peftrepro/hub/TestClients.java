package org.peftrepro.hub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Shared values and client construction for tests against the loopback Hub. */
final class TestClients {
    static final String TOKEN = "hf_TestSecretToken0123456789abcdef";
    static final String COMMIT = "6a1f0ab5e4c5b0f3d2e1c0b9a8f7e6d5c4b3a291";
    static final String OTHER_COMMIT = "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6";

    private TestClients() {
    }

    /** Environment for a client whose HF_HOME is {@code home} and whose Hub is {@code endpoint}. */
    static Map<String, String> environment(Path home, String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("HF_HOME", home.toString());
        env.put("HF_ENDPOINT", endpoint);
        return env;
    }

    static HubClient client(Map<String, String> env, Path userHome, int downloadAttempts) {
        HubSettings settings = HubSettings.fromMap(env, userHome);
        return new HubClient(settings, HubHttp.newClient(Duration.ofSeconds(5)), downloadAttempts,
                Duration.ofMillis(10));
    }

    static HubClient client(Path home, String endpoint) {
        Map<String, String> env = environment(home, endpoint);
        env.put("HF_TOKEN", TOKEN);
        return client(env, home, 3);
    }

    /** Bytes that differ from position to position, so a misplaced resume shows. */
    static byte[] bytes(int length, long seed) {
        byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        return content;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
