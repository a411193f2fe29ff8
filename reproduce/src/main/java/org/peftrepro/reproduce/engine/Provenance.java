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

    /** The commit of the working tree the suite runs from, read from .git without running git; "unknown" outside one. */
    public static String gitCommit() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return "unknown";
        }
        try {
            Path git = dir.resolve(".git");
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.exists(loose)) {
                return Files.readString(loose).trim();
            }
            for (String line : Files.readAllLines(git.resolve("packed-refs"))) {
                if (line.endsWith(" " + ref)) {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
