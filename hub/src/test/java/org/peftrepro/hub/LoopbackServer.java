package org.peftrepro.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 (free port) that records every request it answers. */
final class LoopbackServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Recorded(String method, String rawPath, Headers headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    LoopbackServer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    copy(exchange.getRequestHeaders())));
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                // A handler that cuts the connection on purpose ends here.
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI uri(String rawPath) {
        return URI.create(base() + rawPath);
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    List<Recorded> requests(String method) {
        return requests.stream().filter(request -> request.method().equals(method)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static Headers copy(Headers original) {
        Headers copy = new Headers();
        original.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }

    /** Answers with headers only (HEAD, redirects, errors); Content-Length is kept if the caller set it. */
    static void sendHeadersOnly(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /**
     * Sends {@code content[offset..]}; if {@code cutAfter >= 0}, only that many bytes and then the connection
     * is dropped, as a network failure would.
     */
    static void sendBytes(HttpExchange exchange, int status, byte[] content, int offset, long cutAfter)
            throws IOException {
        int length = content.length - offset;
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        OutputStream body = exchange.getResponseBody();
        if (cutAfter >= 0 && cutAfter < length) {
            body.write(content, offset, (int) cutAfter);
            body.flush();
            throw new IOException("connection cut on purpose");
        }
        body.write(content, offset, length);
    }
}
