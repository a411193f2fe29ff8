package org.peftrepro.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.Utf8Text;

/**
 * The results store: a folder with one {@code <runId>.json} file per run.
 *
 * <p>Records are written atomically, so a process killed while writing leaves the previous record
 * (or none), never a partial one. Reading is forgiving: a file that is not a readable record —
 * truncated by a full disk, edited by hand, or some other JSON file in the folder — is reported
 * with its name and skipped, because one bad file must not hide the results of all the other runs.
 */
public final class RunStore {

    private static final System.Logger LOG = System.getLogger(RunStore.class.getName());

    /**
     * Run ids become file names: letters, digits, dot, dash and underscore only, not starting with
     * a dot.
     */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private static final String EXTENSION = ".json";

    private final Path folder;

    public RunStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The file that holds the record with this id. */
    public Path fileOf(String runId) {
        checkRunId(runId);
        return folder.resolve(runId + EXTENSION);
    }

    /**
     * Writes the record to {@code <runId>.json}, replacing an earlier record of the same run,
     * atomically.
     *
     * @return the file written
     */
    public Path write(RunRecord record) throws IOException {
        checkRunId(record.runId());
        if (record.status() == null) {
            throw new IllegalArgumentException(
                    "Run record "
                            + record.runId()
                            + ": field status is null (expected ok or failed)");
        }
        Path file = fileOf(record.runId());
        AtomicFiles.writeString(file, RunRecordJson.toJson(record));
        return file;
    }

    /**
     * Reads every record in the folder, sorted by file name. Files that are not readable records
     * are logged as warnings, with their names and what is wrong, and skipped; {@link #scan()}
     * returns them too.
     */
    public List<RunRecord> readAll() throws IOException {
        StoreContents contents = scan();
        for (SkippedFile skipped : contents.skipped()) {
            LOG.log(System.Logger.Level.WARNING, "Skipping " + skipped.reason());
        }
        return contents.records();
    }

    /**
     * Reads every record in the folder, sorted by file name, and says which files were skipped and
     * why.
     */
    public StoreContents scan() throws IOException {
        List<RunRecord> records = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        Set<String> seenRunIds = new HashSet<>();
        for (Path file : recordFiles()) {
            try {
                RunRecord record = read(file);
                if (!seenRunIds.add(record.runId())) {
                    skipped.add(
                            new SkippedFile(
                                    file,
                                    file + ": another file already holds run " + record.runId()));
                    continue;
                }
                records.add(record);
            } catch (InvalidRunRecordException e) {
                skipped.add(new SkippedFile(file, e.getMessage()));
            }
        }
        return new StoreContents(records, skipped);
    }

    /**
     * The record of one run, read from {@code <runId>.json}; empty when there is none or the file
     * is not a readable record (which is logged as a warning).
     */
    public Optional<RunRecord> find(String runId) throws IOException {
        Path file = fileOf(runId);
        try {
            RunRecord record = read(file);
            if (!runId.equals(record.runId())) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Skipping " + file + ": it holds run " + record.runId());
                return Optional.empty();
            }
            return Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (InvalidRunRecordException e) {
            LOG.log(System.Logger.Level.WARNING, "Skipping " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<Path> recordFiles() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(RunStore::isRecordFileName)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isRecordFileName(Path file) {
        String name = file.getFileName().toString();
        // Dot files are temporary files of writes in progress (see AtomicFiles) or hidden files of
        // other tools.
        return name.endsWith(EXTENSION) && !name.startsWith(".");
    }

    private static RunRecord read(Path file) throws IOException, InvalidRunRecordException {
        String json;
        try {
            // A strict decoder: a file cut in the middle of a multi-byte character is reported with
            // its line, not silently patched.
            json = Utf8Text.decode(Files.readAllBytes(file), file.toString());
        } catch (MalformedTextException e) {
            throw new InvalidRunRecordException(e.getMessage(), e);
        }
        return RunRecordJson.fromJson(json, file.toString());
    }

    private static void checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException(
                    "Run id '"
                            + runId
                            + "' cannot name a file: use letters, digits, '.', '-'"
                            + " and '_', not starting with '.'");
        }
    }

    /**
     * What {@link #scan()} found.
     *
     * @param records readable records, sorted by file name
     * @param skipped files that were not readable records
     */
    public record StoreContents(List<RunRecord> records, List<SkippedFile> skipped) {
        public StoreContents {
            records = List.copyOf(records);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A file in the store that is not a readable run record, and why; the reason starts with the
     * file's path.
     */
    public record SkippedFile(Path file, String reason) {}
}
