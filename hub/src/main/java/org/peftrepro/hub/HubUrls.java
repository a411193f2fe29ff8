package org.peftrepro.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The Hub's URL scheme, as built by huggingface_hub's {@code hf_hub_url} and {@code HfApi.repo_info}. */
final class HubUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HubUrls() {
    }

    /** {@code {endpoint}/[datasets/]{id}/resolve/{revision}/{path}}. */
    static URI resolve(String endpoint, RepoRef ref, String path) {
        return URI.create(endpoint + "/" + ref.type().urlPrefix() + ref.id()
                + "/resolve/" + quote(ref.revision(), false) + "/" + quote(path, true));
    }

    /** {@code {endpoint}/api/{models|datasets}/{id}/revision/{revision}}: commit and file list of a revision. */
    static URI revisionInfo(String endpoint, RepoRef ref) {
        return URI.create(endpoint + "/api/" + ref.type().plural() + "/" + ref.id()
                + "/revision/" + quote(ref.revision(), false));
    }

    /**
     * Python's {@code urllib.parse.quote}: every byte of the UTF-8 form except letters, digits and "_.-~" is
     * percent-encoded, and '/' too unless {@code keepSlash}. Revisions such as {@code refs/pr/1} are one segment.
     */
    static String quote(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || (keepSlash && c == '/');
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** The URL without query and fragment, for messages: CDN URLs carry signatures in their query. */
    static String withoutQuery(URI uri) {
        String text = uri.toString();
        int cut = text.indexOf('?');
        if (cut < 0) {
            cut = text.indexOf('#');
        }
        return cut < 0 ? text : text.substring(0, cut);
    }

    /** Same scheme, host and port: the only places the token may be sent to. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
