package org.peftrepro.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on 127.0.0.1 that forwards nothing: it records the first line of every request a
 * browser sends it (e.g. {@code CONNECT cdn.example:443 HTTP/1.1}) and answers 502. A browser
 * pointed at it cannot reach anything, and the test learns what the page tried to fetch.
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RecordingProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptUntilClosed, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** First lines of the requests received so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * The host a request line asks for: {@code cdn.example} for {@code CONNECT cdn.example:443
     * HTTP/1.1} and for {@code GET http://cdn.example/x.js HTTP/1.1}; the whole line when it has no
     * host.
     */
    static String hostOf(String requestLine) {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            return requestLine;
        }
        String target = parts[1];
        int scheme = target.indexOf("://");
        if (scheme >= 0) {
            target = target.substring(scheme + 3);
        }
        int end = target.length();
        for (char stop : new char[] {'/', ':', '?'}) {
            int at = target.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return target.substring(0, end);
    }

    private void acceptUntilClosed() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2_000);
                requests.add(firstLine(client));
                OutputStream out = client.getOutputStream();
                out.write(
                        "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                requests.add("<connection failed: " + e.getMessage() + ">");
            }
        }
    }

    private static String firstLine(Socket client) {
        try {
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    client.getInputStream(), StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            return line == null ? "<connection without a request>" : line;
        } catch (IOException e) {
            return "<connection without a readable request: " + e.getMessage() + ">";
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
