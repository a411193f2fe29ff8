package org.peftrepro.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Names of methods as the papers print them, and the row order of the results table. */
public final class MethodCatalog {

    /**
     * Row order of the LoR2C paper's Table I, with Lily last; other methods follow in alphabetical
     * order.
     */
    public static final List<String> PAPER_ORDER =
            List.of(
                    "ft",
                    "bitfit",
                    "adapter-houlsby",
                    "adapter-pfeiffer",
                    "lora",
                    "lor2c",
                    "share-lor2c",
                    "merge-lor2c",
                    "inject-lor2c",
                    "im-lor2c",
                    "lily");

    private static final Map<String, String> DISPLAY_NAMES =
            Map.ofEntries(
                    Map.entry("ft", "FT"),
                    Map.entry("bitfit", "BitFit"),
                    Map.entry("adapter-houlsby", "Adapter (Houlsby)"),
                    Map.entry("adapter-pfeiffer", "Adapter (Pfeiffer)"),
                    Map.entry("lora", "LoRA"),
                    Map.entry("adalora", "AdaLoRA"),
                    Map.entry("lor2c", "LoR2C"),
                    Map.entry("share-lor2c", "ShareLoR2C"),
                    Map.entry("merge-lor2c", "MergeLoR2C"),
                    Map.entry("inject-lor2c", "InjectLoR2C"),
                    Map.entry("im-lor2c", "IM-LoR2C"),
                    Map.entry("lily", "Lily"));

    private MethodCatalog() {}

    /**
     * The name a table prints for a method: the paper's spelling for known methods, the method name
     * otherwise.
     */
    public static String displayName(String method) {
        return DISPLAY_NAMES.getOrDefault(method, method);
    }

    /**
     * The methods of {@code present} in table order: those named in {@code preferredOrder} in that
     * order, then the rest alphabetically.
     */
    public static List<String> order(Collection<String> present, List<String> preferredOrder) {
        Set<String> remaining = new LinkedHashSet<>(present);
        List<String> ordered = new ArrayList<>();
        for (String method : preferredOrder) {
            if (remaining.remove(method)) {
                ordered.add(method);
            }
        }
        ordered.addAll(new TreeSet<>(remaining));
        return ordered;
    }
}
