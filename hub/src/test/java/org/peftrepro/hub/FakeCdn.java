package org.peftrepro.hub;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storage host LFS files are redirected to: serves {@code /blobs/<sha256>} with Range support, and can
 * misbehave on purpose (drop the connection mid-file, stall).
 */
final class FakeCdn implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicInteger getsToCut = new AtomicInteger();
    private final AtomicInteger getsToStall = new AtomicInteger();
    private volatile long faultAfterBytes;
    private volatile long stallMillis;
    private final LoopbackServer server;

    FakeCdn() throws IOException {
        server = new LoopbackServer(this::handle);
    }

    /** Serves {@code content} under the name {@code sha256}, which need not be its digest (a corrupted copy). */
    void put(String sha256, byte[] content) {
        blobs.put(sha256, content);
    }

    /** A pre-signed URL, as the Hub's redirects name them. */
    String urlOf(String sha256) {
        return server.base() + "/blobs/" + sha256 + "?X-Amz-Signature=presigned";
    }

    /** The next {@code count} GETs send {@code bytes} bytes and then drop the connection. */
    void cutNextGets(int count, long bytes) {
        faultAfterBytes = bytes;
        getsToCut.set(count);
    }

    /** The next GET sends {@code bytes} bytes and then goes silent for {@code millis}. */
    void stallNextGet(long bytes, long millis) {
        faultAfterBytes = bytes;
        stallMillis = millis;
        getsToStall.set(1);
    }

    List<LoopbackServer.Recorded> requests(String method) {
        return server.requests(method);
    }

    String base() {
        return server.base();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        byte[] content = path.startsWith("/blobs/") ? blobs.get(path.substring("/blobs/".length())) : null;
        if (content == null) {
            LoopbackServer.sendHeadersOnly(exchange, 404);
            return;
        }
        int offset = 0;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (!matcher.matches()) {
                LoopbackServer.sendHeadersOnly(exchange, 400);
                return;
            }
            offset = Integer.parseInt(matcher.group(1));
            if (offset >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                LoopbackServer.sendHeadersOnly(exchange, 416);
                return;
            }
            status = 206;
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + offset + "-" + (content.length - 1) + "/" + content.length);
        }
        boolean isGet = exchange.getRequestMethod().equals("GET");
        if (isGet && getsToStall.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            stall(exchange, content, offset);
            return;
        }
        long cut = isGet && getsToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? faultAfterBytes : -1;
        LoopbackServer.sendBytes(exchange, status, content, offset, cut);
    }

    private void stall(HttpExchange exchange, byte[] content, int offset) throws IOException {
        exchange.sendResponseHeaders(offset > 0 ? 206 : 200, content.length - offset);
        OutputStream body = exchange.getResponseBody();
        body.write(content, offset, (int) faultAfterBytes);
        body.flush();
        try {
            Thread.sleep(stallMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("stalled connection dropped on purpose");
    }
}
