package org.peftrepro.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the Hub cache lives, which server to ask and with which token, read from the same environment variables
 * as Python's {@code huggingface_hub} ({@code constants.py}) so that both share one cache.
 *
 * @param hfHome          {@code HF_HOME}: default {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}
 * @param hubCache        {@code HF_HUB_CACHE} (or the older {@code HUGGINGFACE_HUB_CACHE}): default {@code $HF_HOME/hub}
 * @param token           {@code HF_TOKEN}, else the content of {@code HF_TOKEN_PATH} (default {@code $HF_HOME/token})
 * @param offline         {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) set to 1/ON/YES/TRUE
 * @param endpoint        {@code HF_ENDPOINT} without trailing slash: default {@code https://huggingface.co}
 * @param downloadTimeout {@code HF_HUB_DOWNLOAD_TIMEOUT} seconds: longest wait for the next bytes of a download
 * @param etagTimeout     {@code HF_HUB_ETAG_TIMEOUT} seconds: longest wait for the answer to a metadata request
 */
public record HubSettings(
        Path hfHome,
        Path hubCache,
        Optional<HubToken> token,
        boolean offline,
        String endpoint,
        Duration downloadTimeout,
        Duration etagTimeout) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** huggingface_hub's DEFAULT_ETAG_TIMEOUT and DEFAULT_DOWNLOAD_TIMEOUT. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        Objects.requireNonNull(hfHome, "hfHome");
        Objects.requireNonNull(hubCache, "hubCache");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        Objects.requireNonNull(etagTimeout, "etagTimeout");
        endpoint = validEndpoint(endpoint, "endpoint");
        requirePositive(downloadTimeout, "downloadTimeout");
        requirePositive(etagTimeout, "etagTimeout");
    }

    /** Settings of this process, from {@link System#getenv()} and the user's home folder. */
    public static HubSettings fromEnvironment() {
        return fromMap(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Settings from the given variables; {@code ~} and the default cache folder are taken relative to
     * {@code userHome}. Reads the token file if {@code HF_TOKEN} is not set.
     *
     * @throws IllegalArgumentException naming the variable whose value is malformed
     * @throws UncheckedIOException     if the token file exists but cannot be read
     */
    public static HubSettings fromMap(Map<String, String> env, Path userHome) {
        Path home = nonEmpty(env, "HF_HOME")
                .map(value -> expandHome(value, userHome))
                .orElseGet(() -> nonEmpty(env, "XDG_CACHE_HOME")
                        .map(value -> expandHome(value, userHome))
                        .orElse(userHome.resolve(".cache"))
                        .resolve("huggingface"));
        Path hubCache = nonEmpty(env, "HF_HUB_CACHE")
                .or(() -> nonEmpty(env, "HUGGINGFACE_HUB_CACHE"))
                .map(value -> expandHome(value, userHome))
                .orElse(home.resolve("hub"));
        Path tokenFile = nonEmpty(env, "HF_TOKEN_PATH")
                .map(value -> expandHome(value, userHome))
                .orElse(home.resolve("token"));
        Optional<HubToken> token = tokenFromVariable(env, "HF_TOKEN")
                .or(() -> tokenFromVariable(env, "HUGGING_FACE_HUB_TOKEN"))
                .or(() -> tokenFromFile(tokenFile));
        boolean offline = isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
        String endpoint = nonEmpty(env, "HF_ENDPOINT")
                .map(value -> validEndpoint(value, "HF_ENDPOINT"))
                .orElse(DEFAULT_ENDPOINT);
        Duration downloadTimeout = seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT");
        Duration etagTimeout = seconds(env, "HF_HUB_ETAG_TIMEOUT");
        return new HubSettings(home, hubCache, token, offline, endpoint, downloadTimeout, etagTimeout);
    }

    /** The same settings with offline mode switched on or off. */
    public HubSettings withOffline(boolean offlineMode) {
        return new HubSettings(hfHome, hubCache, token, offlineMode, endpoint, downloadTimeout, etagTimeout);
    }

    /** The same settings with another cache folder. */
    public HubSettings withHubCache(Path folder) {
        return new HubSettings(hfHome, folder, token, offline, endpoint, downloadTimeout, etagTimeout);
    }

    private static Optional<String> nonEmpty(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Python's os.path.expanduser for the forms that occur in practice: "~" and "~/...". */
    private static Path expandHome(String value, Path userHome) {
        if (value.equals("~")) {
            return userHome;
        }
        if (value.startsWith("~/")) {
            return userHome.resolve(value.substring(2));
        }
        return Path.of(value);
    }

    /** Like huggingface_hub's _clean_token: line breaks and surrounding spaces removed, empty means none. */
    private static Optional<String> cleanToken(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String cleaned = raw.replace("\r", "").replace("\n", "").strip();
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }

    private static Optional<HubToken> tokenFromVariable(Map<String, String> env, String name) {
        return cleanToken(env.get(name)).map(value -> new HubToken(value, name));
    }

    private static Optional<HubToken> tokenFromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return cleanToken(Files.readString(file, StandardCharsets.UTF_8))
                    .map(value -> new HubToken(value, file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hub token file " + file, e);
        }
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    private static Duration seconds(Map<String, String> env, String name) {
        Optional<String> value = nonEmpty(env, name);
        if (value.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(value.get());
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new NumberFormatException("not a positive number");
            }
            return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + "='" + value.get() + "' is not a positive number of seconds", e);
        }
    }

    private static String validEndpoint(String value, String name) {
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new URISyntaxException(trimmed, "expected http(s)://host[:port][/path]");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    name + "='" + value + "' is not an http(s) URL: " + e.getMessage(), e);
        }
        return trimmed;
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
