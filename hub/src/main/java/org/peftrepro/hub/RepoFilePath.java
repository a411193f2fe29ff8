package org.peftrepro.hub;

/**
 * Checks a file path inside a repository ({@code cola/train-00000-of-00001.parquet}) before it is turned into a
 * path in the cache. Names come from the command line, from the Hub's file listing and from shard indexes; none
 * of them may place a file outside the repository's cache folder.
 */
final class RepoFilePath {
    private RepoFilePath() {
    }

    /**
     * @return {@code path} unchanged when it is relative, uses '/' only and has no empty, '.' or '..' segment
     * @throws IllegalArgumentException naming the path and the repository otherwise
     */
    static String requireSafe(String path, String repoDescription) {
        String problem = problemWith(path);
        if (problem != null) {
            throw new IllegalArgumentException("refusing file path '" + path + "' of " + repoDescription + ": "
                    + problem + "; a repository file path must be relative, with '/' between non-empty segments");
        }
        return path;
    }

    private static String problemWith(String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty";
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return "it is absolute";
        }
        if (path.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "it contains a control character";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (segment.equals("..")) {
                return "it has a '..' segment";
            }
            if (segment.equals(".")) {
                return "it has a '.' segment";
            }
        }
        return null;
    }
}
