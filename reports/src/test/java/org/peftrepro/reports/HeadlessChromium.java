package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium run headless, to load a page the way a reader's browser would and dump the
 * resulting DOM.
 */
final class HeadlessChromium {

    static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * Hosts that Chromium contacts on every start for its own services, whatever page it loads, and
     * that no flag turns off in Debian's build: component updates (update.googleapis.com,
     * redirector.gvt1.com), the signed-in account check (accounts.google.com) and clock
     * synchronisation (clients2.google.com). They reach the recording proxy like every other
     * request, so they never leave the machine; tests set them apart from what the page itself asks
     * for.
     */
    static final Set<String> BROWSER_SERVICE_HOSTS =
            Set.of(
                    "update.googleapis.com",
                    "redirector.gvt1.com",
                    "accounts.google.com",
                    "clients2.google.com");

    static final String INSTALL_HINT =
            "install it with: apt-get update && apt-get install -y chromium";

    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /**
     * Chromium at {@code executable}; fails the test, saying how to install it, when it is not
     * there.
     */
    static HeadlessChromium at(Path executable) {
        if (!Files.isExecutable(executable)) {
            fail(
                    "The HTML report is checked in headless Chromium, but "
                            + executable
                            + " does not exist or cannot be"
                            + " run: "
                            + INSTALL_HINT);
        }
        return new HeadlessChromium(executable);
    }

    /**
     * True for requests Chromium makes for its own services (see {@link #BROWSER_SERVICE_HOSTS}).
     */
    static boolean isBrowserServiceRequest(String requestLine) {
        return BROWSER_SERVICE_HOSTS.contains(RecordingProxy.hostOf(requestLine));
    }

    static HeadlessChromium debian() {
        return at(DEBIAN_CHROMIUM);
    }

    /**
     * Loads {@code page} with every request sent to the proxy at {@code proxyPort}, lets the page
     * run for 5 s of virtual time, and returns the DOM as it is then.
     */
    String dumpDom(Path page, int proxyPort, Path workDir)
            throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Path dom = workDir.resolve("dom.html");
        Path log = workDir.resolve("chromium.log");
        List<String> command =
                List.of(
                        executable.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        // Clock synchronisation is the one background service of the browser that a
                        // flag does turn off.
                        "--disable-features=NetworkTimeServiceQuerying",
                        "--user-data-dir=" + profile,
                        "--proxy-server=127.0.0.1:" + proxyPort,
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        page.toUri().toString());
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(dom.toFile())
                        .redirectError(log.toFile())
                        .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(
                    "Chromium did not finish loading "
                            + page
                            + " within "
                            + TIMEOUT_SECONDS
                            + " s; its log: "
                            + tail(log));
        }
        if (process.exitValue() != 0) {
            fail(
                    "Chromium exited with "
                            + process.exitValue()
                            + " loading "
                            + page
                            + "; its log: "
                            + tail(log));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
    }
}
