package org.peftrepro.reports;

import java.util.List;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw table as a GitHub-flavoured Markdown table (Tablesaw has no Markdown writer).
 */
public final class MarkdownTable {

    private MarkdownTable() {}

    /**
     * The table as Markdown, one line per row, each line ending in a newline. Columns named in
     * {@code textColumns} (names, sources, notes) are left-aligned, the rest (numbers)
     * right-aligned so that decimals line up.
     */
    public static String render(Table table, Set<String> textColumns) {
        List<Column<?>> columns = table.columns();
        StringBuilder out = new StringBuilder();
        out.append('|');
        for (Column<?> column : columns) {
            out.append(' ').append(escape(column.name())).append(" |");
        }
        out.append('\n').append('|');
        for (Column<?> column : columns) {
            out.append(textColumns.contains(column.name()) ? " :--- |" : " ---: |");
        }
        out.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            out.append('|');
            for (Column<?> column : columns) {
                out.append(' ').append(escape(column.getString(r))).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A pipe would end the cell and a line break the row; both are kept as text. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
