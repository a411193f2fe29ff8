package org.peftrepro.reproduce.engine;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Versions and commit recorded with every run, so a number can be traced to the code that made it. */
public final class Provenance {
    private Provenance() {}

    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        String suite = Provenance.class.getPackage().getImplementationVersion();
        v.put("suite", suite == null ? "0.1.0-SNAPSHOT" : suite);
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", Engine.getInstance().getVersion());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    /**
     * Whether the working tree the suite runs from has uncommitted changes to tracked files ({@code git status}),
     * so that a record can say its commit alone does not name the code that made it. Null where it cannot be
     * told: outside a git checkout, or without a {@code git} program.
     */
    public static Boolean workingTreeModified() {
        return workingTreeModified(Path.of("").toAbsolutePath());
    }

    static Boolean workingTreeModified(Path start) {
        Path dir = start;
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return null;
        }
        try {
            Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return null;
            }
            return output.length > 0;
        } catch (IOException e) {
            return null; // no git program: not known
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The commit of the working tree the suite runs from, read from .git without running git; "unknown" outside one. */
    public static String gitCommit() {
        return gitCommit(Path.of("").toAbsolutePath());
    }

    /**
     * The commit checked out in the repository holding {@code start}. Reads git's own files: HEAD, then the
     * branch's loose ref or its line in packed-refs. In a linked worktree or a submodule {@code .git} is a file
     * naming the real git folder, whose {@code commondir} names where the branches live.
     */
    static String gitCommit(Path start) {
        Path dir = start;
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return "unknown";
        }
        try {
            Path git = dir.resolve(".git");
            if (Files.isRegularFile(git)) {
                String pointer = Files.readString(git).trim();
                if (!pointer.startsWith("gitdir: ")) {
                    return "unknown";
                }
                git = dir.resolve(pointer.substring("gitdir: ".length())).normalize();
            }
            Path common = git;
            if (Files.isRegularFile(git.resolve("commondir"))) {
                common = git.resolve(Files.readString(git.resolve("commondir")).trim()).normalize();
            }
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            String ref = head.substring(5);
            for (Path refs : new Path[] {git, common}) {
                if (Files.isRegularFile(refs.resolve(ref))) {
                    return Files.readString(refs.resolve(ref)).trim();
                }
            }
            Path packed = common.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" " + ref)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
        } catch (IOException e) {
            // fall through: provenance is best effort, a run never fails for it
        }
        return "unknown";
    }
}
