package org.peftrepro.hub;

import java.util.regex.Pattern;

/**
 * A file-name pattern with the meaning Python's {@code fnmatch} gives it, which is what huggingface_hub's
 * {@code snapshot_download(allow_patterns=...)} uses: {@code *} matches any characters including '/',
 * {@code ?} one character, {@code [seq]} and {@code [!seq]} a character class; a pattern ending in '/' matches
 * everything under that folder. {@link java.nio.file.PathMatcher} globs differ ('*' stops at '/'), so patterns
 * copied from Python scripts would select other files.
 */
final class FnmatchPattern {
    private final String glob;
    private final Pattern regex;

    FnmatchPattern(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("empty file pattern");
        }
        this.glob = glob;
        this.regex = Pattern.compile(translate(glob.endsWith("/") ? glob + "*" : glob), Pattern.DOTALL);
    }

    boolean matches(String repoPath) {
        return regex.matcher(repoPath).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    /** Python's fnmatch.translate, producing a Java regular expression. */
    static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int end = i;
                if (end < n && glob.charAt(end) == '!') {
                    end++;
                }
                if (end < n && glob.charAt(end) == ']') {
                    end++; // a ']' right after '[' or '[!' is a member, not the end
                }
                while (end < n && glob.charAt(end) != ']') {
                    end++;
                }
                if (end >= n) {
                    regex.append("\\["); // no closing bracket: a literal '['
                } else {
                    regex.append(characterClass(glob.substring(i, end)));
                    i = end + 1;
                }
            } else {
                appendLiteral(regex, c);
            }
        }
        return regex.toString();
    }

    private static String characterClass(String members) {
        StringBuilder out = new StringBuilder("[");
        int start = 0;
        if (members.startsWith("!")) {
            out.append('^');
            start = 1;
        }
        for (int k = start; k < members.length(); k++) {
            char m = members.charAt(k);
            // '-' keeps its range meaning; characters special inside a Java class are escaped.
            if (m == '\\' || m == '[' || m == ']' || m == '&' || m == '^') {
                out.append('\\');
            }
            out.append(m);
        }
        return out.append(']').toString();
    }

    private static void appendLiteral(StringBuilder regex, char c) {
        if (!Character.isLetterOrDigit(c) && c != '_' && c != '/' && c != '-' && c < 0x80) {
            regex.append('\\'); // a backslash before a non-letter ASCII character always means the character
        }
        regex.append(c);
    }
}
