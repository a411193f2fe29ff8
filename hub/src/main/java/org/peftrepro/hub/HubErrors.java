package org.peftrepro.hub;

import java.net.URI;

/**
 * Turns an unsuccessful Hub answer into a {@link HubException} whose message names what is missing or refused
 * and what to do. The Hub says which of repository, revision or file is missing in its {@code X-Error-Code}
 * header, as read by huggingface_hub's {@code hf_raise_for_status}.
 */
final class HubErrors {
    private HubErrors() {
    }

    /**
     * @param path      the file asked for, or {@code null} for repository-level requests
     * @param tokenSent whether the failed request carried the token
     */
    static HubException forStatus(HubHttp.Exchange<?> exchange, RepoRef ref, String path, HubSettings settings,
                                  boolean tokenSent) {
        int status = exchange.status();
        String errorCode = exchange.header("X-Error-Code").orElse("");
        String hubSays = exchange.header("X-Error-Message").map(text -> " The Hub says: \"" + text + "\"").orElse("");
        String url = HubUrls.withoutQuery(exchange.url());
        String where = " (HTTP " + status + " from " + url + ")";

        if (status == 401 || status == 403 || errorCode.equals("GatedRepo")) {
            return new HubException(HubException.Reason.ACCESS_DENIED,
                    accessDenied(ref, settings, tokenSent, status, errorCode) + where + "." + hubSays, status, null);
        }
        if (status == 404) {
            String fileText = path == null ? "" : " file '" + path + "'";
            switch (errorCode) {
                case "RepoNotFound":
                    return new HubException(HubException.Reason.REPOSITORY_NOT_FOUND, "repository not found: "
                            + ref.describe() + " does not exist on " + settings.endpoint() + where
                            + "; check the id" + otherTypeHint(ref) + "." + hubSays, status, null);
                case "RevisionNotFound":
                    return new HubException(HubException.Reason.REVISION_NOT_FOUND, "revision not found: "
                            + ref.describe() + " has no branch, tag or commit '" + ref.revision() + "'" + where
                            + "." + hubSays, status, null);
                case "EntryNotFound":
                    return new HubException(HubException.Reason.FILE_NOT_FOUND, "file not found: "
                            + ref.describe() + " has no" + fileText + " at revision '" + ref.revision() + "'"
                            + where + "." + hubSays, status, null);
                default:
                    return new HubException(HubException.Reason.NOT_FOUND, "not found" + where + ": "
                            + ref.describe() + ", its revision '" + ref.revision() + "'"
                            + (path == null ? "" : " or its" + fileText) + " does not exist." + hubSays,
                            status, null);
            }
        }
        return new HubException(HubException.Reason.HTTP_STATUS, "HTTP " + status + " from " + url
                + " while reading " + (path == null ? "" : "'" + path + "' of ") + ref.describe()
                + " at revision '" + ref.revision() + "'." + hubSays, status, null);
    }

    private static String accessDenied(RepoRef ref, HubSettings settings, boolean tokenSent, int status,
                                       String errorCode) {
        String page = settings.endpoint() + "/" + ref.type().urlPrefix() + ref.id();
        StringBuilder message = new StringBuilder()
                .append("gated or private repository '").append(ref.id()).append("' (").append(ref.type().label())
                .append("): accept its license on the Hub at ").append(page)
                .append(" and set HF_TOKEN to an access token of that account");
        if (tokenSent) {
            message.append("; the token from ").append(settings.token().map(HubToken::source).orElse("?"))
                    .append(" was sent but does not give access: check that it is valid and that access was granted");
        } else {
            message.append("; no token was sent (HF_TOKEN is not set and there is no token file in ")
                    .append(settings.hfHome()).append(")");
        }
        if (status == 401 && errorCode.equals("RepoNotFound")) {
            message.append("; the Hub answers the same for a repository that does not exist, so check the id too");
        }
        return message.toString();
    }

    private static String otherTypeHint(RepoRef ref) {
        return ref.type() == RepoType.MODEL ? " (or is it a dataset?)" : " (or is it a model?)";
    }

    /** The failure of a request to a storage host (CDN) after the Hub itself answered. */
    static HubException forStorageStatus(HubHttp.Exchange<?> exchange, RepoRef ref, String path) {
        URI url = exchange.url();
        return new HubException(HubException.Reason.HTTP_STATUS, "HTTP " + exchange.status() + " from storage host "
                + url.getHost() + " while downloading '" + path + "' of " + ref.describe() + " at revision '"
                + ref.revision() + "'; run again (pre-signed download links expire)", exchange.status(), null);
    }
}
