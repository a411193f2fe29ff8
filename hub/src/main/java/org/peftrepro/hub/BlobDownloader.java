package org.peftrepro.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Downloads one blob into {@code blobs/<etag>.incomplete}, resuming with {@code Range: bytes=N-} what an earlier
 * attempt or an earlier run left there, checks it (sha256 for LFS files, whose ETag is that digest; the size for
 * the others) and only then renames it to {@code blobs/<etag>}. A blob that fails the check is deleted, so a
 * corrupted download never reaches the cache.
 */
final class BlobDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(BlobDownloader.class);
    private static final int BUFFER_BYTES = 1 << 16;

    private final HubHttp http;
    private final HubSettings settings;
    private final int maxAttempts;
    private final Duration retryPause;

    /**
     * @param maxAttempts how many times one call tries, resuming each time, before giving up (at least 1)
     * @param retryPause  wait between attempts
     */
    BlobDownloader(HubHttp http, HubSettings settings, int maxAttempts, Duration retryPause) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.http = http;
        this.settings = settings;
        this.maxAttempts = maxAttempts;
        this.retryPause = retryPause;
    }

    /** Puts the blob {@code metadata.etag()} into the cache; the caller holds its {@link BlobLock}. */
    void download(RepoRef ref, String path, FileMetadata metadata, RepoCache cache) throws IOException {
        Path blob = cache.blob(metadata.etag());
        if (Files.exists(blob)) {
            return;
        }
        Path incomplete = cache.incompleteBlob(metadata.etag());
        Files.createDirectories(incomplete.getParent());
        LOG.info("Downloading '{}' of {} at {} ({} bytes)", path, ref.describe(), metadata.commit(), metadata.size());
        byte[] sha256;
        try {
            sha256 = transferWithRetries(ref, path, metadata, incomplete);
            verify(ref, path, metadata, incomplete, sha256);
        } catch (HubException e) {
            if (e.reason() == HubException.Reason.INTEGRITY) {
                Files.deleteIfExists(incomplete);
            }
            throw e;
        }
        Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private byte[] transferWithRetries(RepoRef ref, String path, FileMetadata metadata, Path incomplete)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return transfer(ref, path, metadata, incomplete);
            } catch (IOException e) {
                boolean retryable = !Thread.currentThread().isInterrupted()
                        && (!(e instanceof HubException hub)
                            || (hub.reason() == HubException.Reason.HTTP_STATUS && hub.statusCode() >= 500));
                if (!retryable) {
                    throw e;
                }
                long have = sizeOf(incomplete);
                if (attempt >= maxAttempts) {
                    throw new HubException(HubException.Reason.NETWORK, "download of '" + path + "' of "
                            + ref.describe() + " at revision '" + ref.revision() + "' stopped after " + have + " of "
                            + metadata.size() + " bytes (" + e.getMessage() + "); the partial file " + incomplete
                            + " is kept and the next run resumes from it", e);
                }
                LOG.warn("Download of '{}' stopped after {} of {} bytes ({}); resuming (attempt {} of {})",
                        path, have, metadata.size(), e.getMessage(), attempt + 1, maxAttempts);
                pause();
            }
        }
    }

    /**
     * One request: continues {@code incomplete} from its current size and returns the sha256 of the whole
     * file. Throws a plain {@link IOException} when the connection fails or breaks, which is worth retrying.
     */
    private byte[] transfer(RepoRef ref, String path, FileMetadata metadata, Path incomplete) throws IOException {
        long have = sizeOf(incomplete);
        if (have > metadata.size()) {
            Files.delete(incomplete);
            have = 0;
        }
        MessageDigest digest = sha256();
        if (have > 0) {
            hashExisting(incomplete, digest);
        }
        if (have == metadata.size()) {
            return digest.digest(); // finished by an earlier run that stopped before the rename
        }

        URI location = metadata.location();
        Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
        HubHttp.Exchange<InputStream> exchange = http.send("GET", location, headers, settings.downloadTimeout(),
                HttpResponse.BodyHandlers.ofInputStream(), false);
        int status = exchange.status();
        boolean append;
        if (status == 206 && have > 0) {
            requireRangeStart(exchange, have, path);
            append = true;
        } else if (status == 200) {
            append = false; // a server that ignores Range sends the whole file again
            have = 0;
            digest.reset();
        } else if (status == 416) {
            Files.deleteIfExists(incomplete);
            throw new IOException("the server refused to resume at byte " + have + " (HTTP 416); starting over");
        } else {
            boolean fromHub = HubUrls.sameOrigin(exchange.url(), URI.create(settings.endpoint()));
            throw fromHub
                    ? HubErrors.forStatus(exchange, ref, path, settings, http.sendsTokenTo(exchange.url()))
                    : HubErrors.forStorageStatus(exchange, ref, path);
        }

        InputStream body = exchange.response().body();
        StallGuard guard = new StallGuard(settings.downloadTimeout(), body);
        long written = have;
        try (guard;
             body;
             OutputStream out = Files.newOutputStream(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
             DownloadProgress progress = DownloadProgress.start(path, metadata.size(), have)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                guard.progressed();
                if (written + read > metadata.size()) {
                    throw new HubException(HubException.Reason.INTEGRITY, "the server sent more than the "
                            + metadata.size() + " bytes announced for '" + path + "' of " + ref.describe()
                            + "; the download was discarded, run again");
                }
                out.write(buffer, 0, read);
                digest.update(buffer, 0, read);
                written += read;
                progress.advance(read);
            }
        } catch (IOException e) {
            if (guard.fired()) {
                InterruptedIOException stalled = new InterruptedIOException("no data for "
                        + settings.downloadTimeout().toMillis() / 1000.0 + " s (HF_HUB_DOWNLOAD_TIMEOUT)");
                stalled.initCause(e);
                throw stalled;
            }
            throw e;
        }
        if (written < metadata.size()) {
            throw new EOFException("connection closed after " + written + " of " + metadata.size() + " bytes");
        }
        return digest.digest();
    }

    private static void verify(RepoRef ref, String path, FileMetadata metadata, Path incomplete, byte[] sha256)
            throws IOException {
        long size = Files.size(incomplete);
        if (size != metadata.size()) {
            throw new HubException(HubException.Reason.INTEGRITY, "downloaded '" + path + "' of " + ref.describe()
                    + " has " + size + " bytes but the Hub announced " + metadata.size()
                    + "; the download was discarded, run again");
        }
        if (metadata.etagIsSha256()) {
            String actual = HexFormat.of().formatHex(sha256);
            if (!actual.equals(metadata.etag())) {
                throw new HubException(HubException.Reason.INTEGRITY, "downloaded '" + path + "' of "
                        + ref.describe() + " at commit " + metadata.commit() + " has sha256 " + actual
                        + " but the Hub announced " + metadata.etag() + "; the download was discarded, run again");
            }
        }
    }

    private static void requireRangeStart(HubHttp.Exchange<?> exchange, long expectedStart, String path)
            throws IOException {
        String contentRange = exchange.header("Content-Range").orElse("");
        if (!contentRange.startsWith("bytes " + expectedStart + "-")) {
            closeQuietly(exchange);
            throw new IOException("resuming '" + path + "' at byte " + expectedStart + " got Content-Range '"
                    + contentRange + "'");
        }
    }

    private static void closeQuietly(HubHttp.Exchange<?> exchange) {
        if (exchange.response().body() instanceof InputStream body) {
            try {
                body.close();
            } catch (IOException ignored) {
                // the stream is abandoned either way
            }
        }
    }

    private static void hashExisting(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private void pause() throws InterruptedIOException {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume a download");
        }
    }
}
