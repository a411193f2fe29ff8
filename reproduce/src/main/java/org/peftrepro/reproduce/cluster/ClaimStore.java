package org.peftrepro.reproduce.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.reports.RunRecordJson;
import org.peftrepro.reports.RunStore;

/**
 * Claims on the runs of a plan, kept in {@code <root>/claims/<runId>.json}, so that any number of workers on
 * one results folder never start the same run twice and never lose one.
 *
 * <p>A worker claims a run by creating its claim file with {@code CREATE_NEW}: of several workers that try
 * at once, exactly one creates it. While the run goes on, the claim's {@linkplain Claim heartbeat} rewrites
 * the file (write a temporary file, rename it into place) every {@code heartbeat}. A claim whose heartbeat
 * is older than {@code staleAfter} belongs to a worker that died (killed, preempted, its node lost) and is
 * taken over: of the workers that find it stale, the one that creates the takeover marker named after that
 * claim's token goes on, renames the stale file to a name of its own, checks that what it moved is the
 * stale claim it judged, and then creates its own claim with {@code CREATE_NEW} like any other claim. So
 * two workers never both win a run, and a fresh claim is never moved away by a taker that looked a moment
 * too early. A taker that finds it moved a claim that beat again after its look puts it back.
 *
 * <p>What this assumes of the file system and the machines:
 * <ul>
 *   <li>an exclusive create ({@code O_CREAT|O_EXCL}) and a rename within one folder are atomic, as on
 *       local disks, NFS version 3 and later, and Lustre (not on NFS version 2);</li>
 *   <li>the clocks of the workers' hosts agree to well within {@code staleAfter} (NTP), since a claim's age
 *       is its holder's heartbeat time read against the reader's clock;</li>
 *   <li>a live holder beats at least once per {@code staleAfter}: a process stopped for longer (suspended,
 *       or a very long GC pause) is taken for dead, its run is started again elsewhere, and it learns that
 *       its claim is {@linkplain Claim#lost() lost} at its next beat.</li>
 * </ul>
 *
 * <p>A claim does not say whether the run is finished: that is the run's record, which the caller checks
 * before claiming and again after (see {@link Worker}).
 */
public final class ClaimStore {

    /** The folder of claim files under the results folder. */
    public static final String FOLDER = "claims";

    private static final ObjectMapper JSON = RunRecordJson.storeMapper();

    private final Path folder;
    private final Duration heartbeat;
    private final Duration staleAfter;
    private final Clock clock;
    private final ClaimOwner owner;
    // Claim files are named as run records are (RunStore's rule for run ids), in a folder of their own.
    private final RunStore names;

    /** Claims of this process ({@link ClaimOwner#ofThisProcess()}). */
    public ClaimStore(Path root, Duration heartbeat, Duration staleAfter, Clock clock) {
        this(root, heartbeat, staleAfter, clock, ClaimOwner.ofThisProcess());
    }

    /**
     * @param root the results folder; claims go to {@code root/claims}
     * @param heartbeat how often a held claim is rewritten
     * @param staleAfter how old a heartbeat may get before the claim is taken over; at least twice
     *     {@code heartbeat}
     * @param clock the time written into claims and against which their age is judged
     * @param owner who this store's claims are made by
     */
    public ClaimStore(Path root, Duration heartbeat, Duration staleAfter, Clock clock, ClaimOwner owner) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, not " + heartbeat);
        }
        if (staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("staleAfter (" + staleAfter + ") must be at least twice the heartbeat ("
                    + heartbeat + "), or a live worker's claim looks stale between two beats");
        }
        this.folder = root.resolve(FOLDER);
        this.heartbeat = heartbeat;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.owner = owner;
        this.names = new RunStore(folder);
    }

    public Path folder() {
        return folder;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public ClaimOwner owner() {
        return owner;
    }

    Clock clock() {
        return clock;
    }

    /** The claim file of a run. */
    public Path fileOf(String runId) {
        return names.fileOf(runId);
    }

    /**
     * Claims the run for this store's owner, taking over a stale claim; empty when another worker holds a
     * live claim on it, or is taking over a stale one right now. The claim's heartbeat runs until it is
     * closed.
     */
    public Optional<Claim> tryClaim(String runId) throws IOException {
        Path file = fileOf(runId);
        Files.createDirectories(folder);
        // A claim released or moved between our steps sends us round again; a few rounds settle it.
        for (int round = 0; round < 3; round++) {
            ClaimInfo mine = newClaim(runId);
            if (createNew(file, mine)) {
                return Optional.of(Claim.start(this, file, mine, null));
            }
            Optional<Seen> current = look(file);
            if (current.isEmpty()) {
                continue;
            }
            if (!isStale(current.get())) {
                return Optional.empty();
            }
            return takeOver(runId, file, current.get());
        }
        return Optional.empty();
    }

    /**
     * Replaces a stale claim by a claim of this store's owner. Of all workers that saw the same stale claim,
     * only the one that creates its takeover marker goes on, so that no taker ever moves away the fresh
     * claim another taker has just made. Markers stay until the run's claim is released (see
     * {@link #releaseMarkers}).
     */
    private Optional<Claim> takeOver(String runId, Path file, Seen stale) throws IOException {
        Path marker = hidden(file, ".takeover-" + stale.key());
        try {
            Files.createFile(marker);
        } catch (FileAlreadyExistsException e) {
            if (isStale(new Seen(Optional.empty(), Files.getLastModifiedTime(marker).toInstant()))) {
                // The worker that took this marker died before it finished the takeover: clear the way for
                // the next look.
                Files.deleteIfExists(marker);
            }
            return Optional.empty();
        }
        Path moved = hidden(file, "." + UUID.randomUUID() + ".stale");
        try {
            Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // Released by its holder after all: its run is recorded, and the marker guards nothing.
            Files.deleteIfExists(marker);
            return Optional.empty();
        }
        Optional<Seen> taken = look(moved);
        if (taken.isEmpty() || !taken.get().key().equals(stale.key()) || !isStale(taken.get())) {
            // Its holder beat again, or released it and another claim took its place, after we looked.
            putBack(moved, file);
            return Optional.empty();
        }
        Files.deleteIfExists(moved);
        ClaimInfo mine = newClaim(runId);
        if (createNew(file, mine)) {
            return Optional.of(Claim.start(this, file, mine, stale));
        }
        // A worker that found no claim file at all created one in the meantime: it holds the run.
        return Optional.empty();
    }

    /** Removes the takeover markers of a run; called when its claim is released. */
    void releaseMarkers(Path file) throws IOException {
        String prefix = "." + file.getFileName() + ".takeover-";
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(folder, entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path marker : markers) {
                Files.deleteIfExists(marker);
            }
        }
    }

    private Path hidden(Path file, String suffix) {
        return folder.resolve("." + file.getFileName() + suffix);
    }

    /** What the claim file of a run says now; empty when there is none or it cannot be read yet. */
    public Optional<ClaimInfo> read(String runId) throws IOException {
        return look(fileOf(runId)).flatMap(Seen::info);
    }

    private ClaimInfo newClaim(String runId) {
        Instant now = clock.instant();
        return new ClaimInfo(runId, UUID.randomUUID().toString(), owner.workerId(), owner.host(), owner.pid(), now, now);
    }

    /**
     * Creates the claim file if there is none. Between the create and the write the file is empty; readers
     * then go by its modification time (see {@link #look}). The JSON is made before the create, so that the
     * window is one small write.
     */
    private static boolean createNew(Path file, ClaimInfo claim) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(toJson(claim).getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Rewrites a held claim with a new heartbeat, in one step for readers. */
    void rewrite(Path file, ClaimInfo claim) throws IOException {
        AtomicFiles.writeString(file, toJson(claim));
    }

    /** The claim in a file and the time it last beat; empty when the file is gone. */
    Optional<Seen> look(Path file) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            try {
                ClaimInfo info = JSON.readValue(bytes, ClaimInfo.class);
                if (info != null && info.heartbeatAt() != null && info.token() != null) {
                    return Optional.of(new Seen(Optional.of(info), info.heartbeatAt()));
                }
            } catch (IOException unreadable) {
                // Being written right now, or cut short by a crash right after its create: judged by its
                // modification time, so a claim that never got its content still goes stale.
            }
            return Optional.of(new Seen(Optional.empty(), Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    boolean isStale(Seen seen) {
        return Duration.between(seen.heartbeatAt(), clock.instant()).compareTo(staleAfter) > 0;
    }

    /**
     * Returns a claim moved away by mistake to its place, unless a new claim took the place meanwhile: a hard
     * link is created only where no file exists, in one step.
     */
    private static void putBack(Path moved, Path file) throws IOException {
        try {
            Files.createLink(file, moved);
        } catch (FileAlreadyExistsException e) {
            // Its holder learns at its next beat that the claim is lost.
        } catch (FileSystemException | UnsupportedOperationException noHardLinks) {
            try {
                Files.move(moved, file);
            } catch (FileAlreadyExistsException alreadyTaken) {
                // As above.
            }
        }
        Files.deleteIfExists(moved);
    }

    private static String toJson(ClaimInfo claim) {
        try {
            return JSON.writeValueAsString(claim);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claim of " + claim.runId() + " cannot be written as JSON", e);
        }
    }

    /**
     * A claim file as read.
     *
     * @param info its content; empty when the file has none (its writer died between the create and the write)
     * @param heartbeatAt when it last beat: the heartbeat it holds, or its file's modification time
     */
    public record Seen(Optional<ClaimInfo> info, Instant heartbeatAt) {

        /** Who held it, for messages. */
        public String describe(Instant now) {
            return info.map(claim -> claim.describe(now))
                    .orElse("a claim file left empty, written " + ClaimInfo.ago(Duration.between(heartbeatAt, now)));
        }

        /** Names this one claim among all claims of its run: its token, or for an unreadable file its time. */
        String key() {
            return info.map(ClaimInfo::token).orElse("unreadable-" + heartbeatAt.toEpochMilli());
        }
    }
}
