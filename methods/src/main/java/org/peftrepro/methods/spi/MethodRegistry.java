package org.peftrepro.methods.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Every method on the class path, found through {@link ServiceLoader}. */
public final class MethodRegistry {
    private final Map<String, PeftMethod> byName = new LinkedHashMap<>();

    private MethodRegistry(Iterable<PeftMethod> methods) {
        for (PeftMethod m : methods) {
            PeftMethod previous = byName.putIfAbsent(m.name(), m);
            if (previous != null && previous.getClass() != m.getClass()) {
                throw new IllegalStateException("two methods are named " + m.name() + ": "
                        + previous.getClass().getName() + " and " + m.getClass().getName());
            }
        }
    }

    /** The methods visible to this class's class loader. */
    public static MethodRegistry load() {
        return new MethodRegistry(ServiceLoader.load(PeftMethod.class, PeftMethod.class.getClassLoader()));
    }

    public static MethodRegistry of(List<PeftMethod> methods) {
        return new MethodRegistry(methods);
    }

    public PeftMethod get(String name) {
        PeftMethod m = byName.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no method named '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return m;
    }

    /** Names in the suite's table order, then any other registered method by name. */
    public List<String> names() {
        List<String> names = new ArrayList<>(byName.keySet());
        names.sort(Comparator.comparingInt(MethodRegistry::tableRank).thenComparing(Comparator.naturalOrder()));
        return names;
    }

    public List<PeftMethod> all() {
        return names().stream().map(byName::get).toList();
    }

    /** The row order of the LoR2C paper's Table I; unknown (user) methods come last. */
    public static final List<String> TABLE_ORDER = List.of("ft", "bitfit", "adapter-houlsby", "adapter-pfeiffer",
            "lora", "lor2c", "share-lor2c", "merge-lor2c", "inject-lor2c", "im-lor2c", "lily");

    private static int tableRank(String name) {
        int i = TABLE_ORDER.indexOf(name);
        return i < 0 ? TABLE_ORDER.size() : i;
    }
}
