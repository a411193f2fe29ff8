package org.peftrepro.hub;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a HEAD request on a {@code /resolve/} URL tells about one file, as in huggingface_hub's
 * {@code HfFileMetadata}.
 *
 * @param commit   {@code X-Repo-Commit}: the commit the revision resolved to
 * @param etag     {@code X-Linked-Etag} (LFS files) or {@code ETag}, without quotes and weak marker
 * @param size     {@code X-Linked-Size} (LFS files) or {@code Content-Length}
 * @param location where to download from: the resolve URL, or the storage host it redirects to
 */
record FileMetadata(String commit, String etag, long size, URI location) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** LFS files are named by the sha256 of their content, which can therefore be checked after download. */
    boolean etagIsSha256() {
        return SHA256.matcher(etag).matches();
    }

    /** huggingface_hub's _normalize_etag, also dropping the weak-validator prefix {@code W/}. */
    static String normalizeEtag(String header) {
        String etag = header.strip();
        if (etag.startsWith("W/")) {
            etag = etag.substring(2);
        }
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            etag = etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
