package org.peftrepro.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.html.HtmlWriteOptions;

/**
 * A Tablesaw table as an HTML {@code <table>} with an id, its text escaped and its label columns
 * marked.
 */
public final class HtmlTables {
    private HtmlTables() {}

    public static String render(Table table, String id, Predicate<Column<?>> isLabel) {
        StringWriter out = new StringWriter();
        HtmlWriteOptions.ElementCreator elements =
                (String name, Column<?> column, Integer row) -> {
                    Element element = new Element(name);
                    if (name.equals("table")) {
                        element.attr("id", id);
                    }
                    if (column != null && isLabel.test(column)) {
                        element.addClass("label");
                    }
                    return element;
                };
        try {
            table.write()
                    .usingOptions(
                            HtmlWriteOptions.builder(out)
                                    .escapeText(true)
                                    .elementCreator(elements)
                                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
