package org.peftrepro.hub;

import java.io.IOException;
import java.util.Objects;

/**
 * A Hub download or lookup that failed, with a message that names the repository, revision and file concerned
 * and says what to do. {@link #reason()} lets callers tell the cases apart without parsing the message.
 */
public class HubException extends IOException {

    /** Why the request failed. */
    public enum Reason {
        /** HTTP 401 or 403: a gated or private repository and no token, or a token without access. */
        ACCESS_DENIED,
        REPOSITORY_NOT_FOUND,
        REVISION_NOT_FOUND,
        FILE_NOT_FOUND,
        /** HTTP 404 that the server did not attribute to the repository, the revision or the file. */
        NOT_FOUND,
        /** Offline, or the Hub unreachable, and the file is not in the cache. */
        NOT_CACHED,
        /** Downloaded content whose sha256 or size differs from what the Hub announced. */
        INTEGRITY,
        /** The connection failed or broke during a download. */
        NETWORK,
        /** An answer that is not what the Hub sends: no commit, no ETag, a malformed redirect. */
        PROTOCOL,
        /** Any other HTTP status. */
        HTTP_STATUS
    }

    private final Reason reason;
    private final int statusCode;

    public HubException(Reason reason, String message) {
        this(reason, message, -1, null);
    }

    public HubException(Reason reason, String message, Throwable cause) {
        this(reason, message, -1, cause);
    }

    public HubException(Reason reason, String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.statusCode = statusCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status that caused this exception, or -1 if there was none. */
    public int statusCode() {
        return statusCode;
    }
}
