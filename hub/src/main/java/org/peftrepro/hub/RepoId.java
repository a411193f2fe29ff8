package org.peftrepro.hub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Hub repository id with the revision to read, as written on command lines: {@code FacebookAI/roberta-base}
 * or {@code FacebookAI/roberta-base@v1}. The revision is a branch, a tag or a commit hash; {@code main} if absent.
 *
 * @param id       {@code namespace/name}, or a bare {@code name} for the oldest Hub models ({@code gpt2})
 * @param revision branch, tag or commit
 */
public record RepoId(String id, String revision) {

    public static final String DEFAULT_REVISION = "main";

    /** huggingface_hub's validate_repo_id: word characters, '-' and '.', at most one '/'. */
    private static final Pattern ID = Pattern.compile("([A-Za-z0-9_.\\-]+/)?[A-Za-z0-9_.\\-]{1,96}");
    private static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");

    public RepoId {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(revision, "revision");
        requireValidId(id);
        requireValidRevision(revision);
    }

    /** Splits {@code id@revision} at the last '@'; without '@' the revision is {@code main}. */
    public static RepoId parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            return new RepoId(trimmed, DEFAULT_REVISION);
        }
        String revision = trimmed.substring(at + 1);
        if (revision.isEmpty()) {
            throw new IllegalArgumentException("repository id '" + text + "' ends with '@' but names no revision");
        }
        return new RepoId(trimmed.substring(0, at), revision);
    }

    /** The same repository at another revision. */
    public RepoId at(String otherRevision) {
        return new RepoId(id, otherRevision);
    }

    /** Whether the revision is a full commit hash (40 lowercase hex digits), which needs no ref lookup. */
    public boolean revisionIsCommit() {
        return isCommitHash(revision);
    }

    static boolean isCommitHash(String text) {
        return COMMIT_HASH.matcher(text).matches();
    }

    private static void requireValidId(String id) {
        if (!ID.matcher(id).matches() || id.contains("--") || id.contains("..")
                || id.startsWith("-") || id.startsWith(".") || id.endsWith("-") || id.endsWith(".")
                || id.contains("/-") || id.contains("/.") || id.contains("-/") || id.contains("./")) {
            throw new IllegalArgumentException("'" + id + "' is not a Hub repository id: expected namespace/name"
                    + " made of letters, digits, '-', '_' and '.', e.g. FacebookAI/roberta-base");
        }
    }

    /**
     * A revision becomes a file under {@code refs/}, so it must not be able to climb out of it: branch names
     * such as {@code refs/pr/1} are fine, {@code ..}, absolute names and backslashes are not.
     */
    static void requireValidRevision(String revision) {
        boolean unsafe = revision.isEmpty() || revision.startsWith("/") || revision.endsWith("/")
                || revision.contains("\\") || revision.contains("//")
                || revision.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (!unsafe) {
            for (String segment : revision.split("/")) {
                if (segment.equals("..") || segment.equals(".")) {
                    unsafe = true;
                    break;
                }
            }
        }
        if (unsafe) {
            throw new IllegalArgumentException("'" + revision + "' is not a usable revision: expected a branch,"
                    + " tag or commit hash without '..', '\\', control characters or empty segments");
        }
    }

    @Override
    public String toString() {
        return id + "@" + revision;
    }
}
