package org.peftrepro.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peftrepro.hub.io.InputFiles;
import org.peftrepro.hub.io.Ints;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.Utf8Text;

/**
 * Reads a split from the original GLUE download. The files are read as GLUE's own scripts write
 * them, without quoting (Python's QUOTE_NONE): a tab ends a field and a quote is just a character.
 */
final class GlueTsvReader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final GlueTask task;
    private final GlueTsvFormat format;

    GlueTsvReader(GlueTask task) {
        this.task = task;
        this.format = GlueTsvFormat.of(task);
    }

    GlueSplit read(Path folder, String split) throws IOException {
        Path file = folder.resolve(task.displayName()).resolve(GlueTsvFormat.fileName(split));
        InputFiles.requireFile(file, "the " + task.displayName() + " " + split + " split of the GLUE TSV layout");
        boolean skipMalformed = GlueTsvFormat.skipsMalformedRows(task, split);
        List<Example> examples = new ArrayList<>();
        List<SkippedRow> skipped = new ArrayList<>();
        long lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = format.impliedHeader();
            if (header == null) {
                String first = reader.readLine();
                lineNumber++;
                if (first == null) {
                    throw new GlueFormatException(file, 1, "line", "empty file: expected a header line");
                }
                header = Arrays.asList(stripByteOrderMark(first).split("\t", -1));
            }
            Columns columns = Columns.locate(header, format, file);
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1) {
                    line = stripByteOrderMark(line);
                }
                String[] fields = line.split("\t", -1);
                String missing = columns.whatIsMissing(fields);
                if (missing != null) {
                    if (!skipMalformed) {
                        throw new GlueFormatException(file, lineNumber, "line", missing);
                    }
                    skipped.add(new SkippedRow(file, lineNumber, missing));
                    continue;
                }
                examples.add(toExample(examples.size(), fields, columns, file, lineNumber));
            }
        } catch (CharacterCodingException e) {
            // The reader decodes ahead of the line it hands out: find the byte's own line.
            try {
                Utf8Text.read(file);
            } catch (MalformedTextException located) {
                throw new GlueFormatException(file, located.line(), "line", located.problem()
                        + " (column " + located.column() + ")");
            }
            throw e;
        }
        if (examples.isEmpty()) {
            throw new GlueFormatException(file, 0, "line", "no examples in the file");
        }
        return new GlueSplit(split, examples, List.of(file), skipped);
    }

    private Example toExample(int index, String[] fields, Columns columns, Path file, long lineNumber)
            throws GlueFormatException {
        String textA = fields[columns.textA];
        String textB = columns.textB < 0 ? null : fields[columns.textB];
        String label = fields[columns.label];
        return switch (format.labelKind()) {
            case CLASS_ID -> Example.classified(index, textA, textB, parseClassId(label, file, lineNumber));
            case CLASS_NAME -> Example.classified(index, textA, textB, parseClassName(label, file, lineNumber));
            case SCORE -> Example.scored(index, textA, textB, parseScore(label, file, lineNumber));
        };
    }

    private int parseClassId(String value, Path file, long lineNumber) throws GlueFormatException {
        try {
            int id = Ints.parseInt(value);
            if (id >= 0 && id < task.labelNames().size()) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not an integer, or too large for one: the message says which
            throw new GlueFormatException(file, lineNumber, "line", "label " + e.getMessage() + "; "
                    + task.displayName() + " labels (column '" + format.labelColumn() + "') are " + classIdList());
        }
        throw new GlueFormatException(file, lineNumber, "line", "unknown label '" + value + "' in column '"
                + format.labelColumn() + "': " + task.displayName() + " labels are " + classIdList());
    }

    private int parseClassName(String value, Path file, long lineNumber) throws GlueFormatException {
        int id = task.labelId(value.trim());
        if (id < 0) {
            throw new GlueFormatException(file, lineNumber, "line", "unknown label '" + value + "' in column '"
                    + format.labelColumn() + "': " + task.displayName() + " labels are " + task.labelNames());
        }
        return id;
    }

    private float parseScore(String value, Path file, long lineNumber) throws GlueFormatException {
        try {
            float score = Float.parseFloat(value.trim());
            if (score >= GlueTask.MIN_SCORE && score <= GlueTask.MAX_SCORE) {
                return score;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GlueFormatException(file, lineNumber, "line", "score '" + value + "' in column '"
                + format.labelColumn() + "' is not a number in " + GlueTask.MIN_SCORE + ".." + GlueTask.MAX_SCORE);
    }

    private String classIdList() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < task.labelNames().size(); i++) {
            ids.add(i + " (" + task.labelNames().get(i) + ")");
        }
        return String.join(", ", ids);
    }

    private static String stripByteOrderMark(String line) {
        // The GLUE MRPC files start with the BOM of Microsoft's original release.
        return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
    }

    /** Positions of the needed columns in a file's header. */
    private record Columns(int textA, int textB, int label, List<String> header) {

        static Columns locate(List<String> header, GlueTsvFormat format, Path file) throws GlueFormatException {
            int textA = find(header, format.textAColumn(), file);
            int textB = format.textBColumn() == null ? -1 : find(header, format.textBColumn(), file);
            int label = find(header, format.labelColumn(), file);
            return new Columns(textA, textB, label, header);
        }

        private static int find(List<String> header, String column, Path file) throws GlueFormatException {
            int index = header.indexOf(column);
            if (index < 0) {
                throw new GlueFormatException(file, 1, "line", "header has no column '" + column + "' (found "
                        + header + ")");
            }
            return index;
        }

        /** Why a row cannot be read, or {@code null} when every needed field is there. */
        String whatIsMissing(String[] fields) {
            if (fields.length != header.size()) {
                return "expected " + header.size() + " tab-separated fields " + header + ", found " + fields.length;
            }
            if (fields[textA].isEmpty()) {
                return "empty field '" + header.get(textA) + "'";
            }
            if (textB >= 0 && fields[textB].isEmpty()) {
                return "empty field '" + header.get(textB) + "'";
            }
            if (fields[label].isEmpty()) {
                return "empty field '" + header.get(label) + "'";
            }
            return null;
        }
    }
}
