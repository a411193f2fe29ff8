package org.peftrepro.cli;

import java.util.List;
import org.peftrepro.methods.spi.MethodRegistry;

/** What a {@code --methods} option names: the methods listed, {@code all} of the registered ones, or a command's default. */
public final class MethodList {
    /** Every registered method, a user's included. */
    public static final String ALL = "all";

    private MethodList() {}

    /**
     * @param requested as given; empty: {@code byDefault}
     * @throws IllegalArgumentException for a name no method has, listing the registered ones
     */
    public static List<String> of(List<String> requested, MethodRegistry registry, List<String> byDefault) {
        if (requested.isEmpty()) {
            return byDefault;
        }
        if (requested.size() == 1 && requested.get(0).equals(ALL)) {
            return registry.names();
        }
        requested.forEach(registry::get);
        return List.copyOf(requested);
    }
}
