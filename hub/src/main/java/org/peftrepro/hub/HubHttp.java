package org.peftrepro.hub;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends requests to the Hub and the storage hosts it redirects to. Redirects are followed here rather than by
 * {@link HttpClient}, because the token must only ever travel to the endpoint's own origin: the Hub sends LFS
 * files through a CDN whose URLs are pre-signed, and a token forwarded there would leak to a third party.
 */
final class HubHttp {
    private static final int MAX_REDIRECTS = 10;
    private static final String USER_AGENT = "peftrepro-hub/0.1; java/" + Runtime.version().feature();

    private final HttpClient client;
    private final URI endpoint;
    private final Optional<HubToken> token;

    HubHttp(HttpClient client, HubSettings settings) {
        this.client = client;
        this.endpoint = URI.create(settings.endpoint());
        this.token = settings.token();
    }

    /** A client that leaves redirects to {@link HubHttp}; {@code connectTimeout} bounds each connection. */
    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * The final answer to {@code method url}.
     *
     * @param response       the last response; its body is only read for 2xx statuses
     * @param url            the URL that gave it, after the redirects followed
     * @param redirectTarget when {@code stopAtOtherOrigin} held and the server redirected to another origin:
     *                       that target (not requested), else {@code null}
     */
    record Exchange<T>(HttpResponse<T> response, URI url, URI redirectTarget) {
        int status() {
            return response.statusCode();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    /** Whether a request to {@code url} carries the token. */
    boolean sendsTokenTo(URI url) {
        return token.isPresent() && HubUrls.sameOrigin(url, endpoint);
    }

    /**
     * Sends {@code method url} and follows redirects. With {@code stopAtOtherOrigin} a redirect that leaves the
     * endpoint's origin is returned instead of followed: that is how the Hub's HEAD answer names the CDN URL of
     * an LFS file (huggingface_hub's {@code follow_relative_redirects}).
     */
    <T> Exchange<T> send(String method, URI url, Map<String, String> headers, Duration timeout,
                         HttpResponse.BodyHandler<T> handler, boolean stopAtOtherOrigin) throws IOException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpResponse<T> response = sendOnce(method, current, headers, timeout, handler);
            if (!isRedirect(response.statusCode())) {
                return new Exchange<>(response, current, null);
            }
            URI target = redirectTarget(current, response);
            if (stopAtOtherOrigin && !HubUrls.sameOrigin(target, endpoint)) {
                return new Exchange<>(response, current, target);
            }
            if (hop >= MAX_REDIRECTS) {
                throw new HubException(HubException.Reason.PROTOCOL, "more than " + MAX_REDIRECTS
                        + " redirects starting at " + HubUrls.withoutQuery(url));
            }
            current = target;
        }
    }

    private <T> HttpResponse<T> sendOnce(String method, URI url, Map<String, String> headers, Duration timeout,
                                         HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                // Sizes are compared with Content-Length, which must describe the bytes as stored.
                .header("Accept-Encoding", "identity");
        if (sendsTokenTo(url)) {
            request.header("Authorization", "Bearer " + token.orElseThrow().value());
        }
        headers.forEach(request::header);
        // Only successful answers have a body worth reading; error and redirect bodies are dropped unread.
        HttpResponse.BodyHandler<T> successOnly = info -> info.statusCode() >= 200 && info.statusCode() < 300
                ? handler.apply(info)
                : HttpResponse.BodySubscribers.replacing(null);
        try {
            return client.send(request.build(), successOnly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted while waiting for " + HubUrls.withoutQuery(url));
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI current, HttpResponse<?> response) throws HubException {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new HubException(
                HubException.Reason.PROTOCOL, "HTTP " + response.statusCode() + " from "
                + HubUrls.withoutQuery(current) + " redirects without a Location header"));
        try {
            return current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new HubException(HubException.Reason.PROTOCOL, "HTTP " + response.statusCode() + " from "
                    + HubUrls.withoutQuery(current) + " redirects to a malformed Location", e);
        }
    }
}
