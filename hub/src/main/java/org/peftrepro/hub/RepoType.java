package org.peftrepro.hub;

import java.util.Locale;

/** The kinds of Hub repository this suite reads; each has its own URL prefix and cache folder prefix. */
public enum RepoType {
    MODEL("model", ""),
    DATASET("dataset", "datasets/");

    private final String label;
    private final String urlPrefix;

    RepoType(String label, String urlPrefix) {
        this.label = label;
        this.urlPrefix = urlPrefix;
    }

    /** huggingface_hub's repo_type string: {@code model} or {@code dataset}. */
    public String label() {
        return label;
    }

    /** Plural used in cache folder names and API paths: {@code models}, {@code datasets}. */
    public String plural() {
        return label + "s";
    }

    /** Put in front of the repository id in {@code /resolve/} URLs: empty for models. */
    String urlPrefix() {
        return urlPrefix;
    }

    /** Accepts {@code model}, {@code models}, {@code dataset}, {@code datasets} in any case. */
    public static RepoType parse(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        for (RepoType type : values()) {
            if (normalized.equals(type.label) || normalized.equals(type.plural())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown repository type '" + text + "': expected model or dataset");
    }
}
