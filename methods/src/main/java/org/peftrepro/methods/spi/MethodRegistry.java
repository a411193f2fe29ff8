package org.peftrepro.methods.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.peftrepro.methods.peft.PeftCodec;

/**
 * Every method on the class path, found through {@link ServiceLoader}, in the tables' row order: the methods that
 * declare a row by their place, then the others by name. Row order, display names, the default set of a table and
 * the PEFT types the suite reads all follow from the methods' {@link MethodDeclaration}s.
 */
public final class MethodRegistry {
    private static final Comparator<PeftMethod> ROW_ORDER = Comparator
            .comparingInt((PeftMethod m) -> m.declaration().row().orElse(Integer.MAX_VALUE))
            .thenComparing(PeftMethod::name);

    private final Map<String, PeftMethod> byName = new LinkedHashMap<>();

    private MethodRegistry(Iterable<PeftMethod> methods) {
        Map<String, PeftMethod> found = new LinkedHashMap<>();
        Map<String, PeftMethod> byPeftType = new LinkedHashMap<>();
        for (PeftMethod m : methods) {
            PeftMethod previous = found.putIfAbsent(m.name(), m);
            if (previous != null && previous.getClass() != m.getClass()) {
                throw new IllegalStateException("two methods are named " + m.name() + ": "
                        + previous.getClass().getName() + " and " + m.getClass().getName());
            }
            Optional<String> peftType = m.declaration().peftCodec().map(c -> c.peftType().toUpperCase(Locale.ROOT));
            if (peftType.isPresent() && previous == null) {
                PeftMethod other = byPeftType.putIfAbsent(peftType.get(), m);
                if (other != null) {
                    throw new IllegalStateException("two methods read PEFT's " + peftType.get() + " adapters: "
                            + other.name() + " and " + m.name());
                }
            }
        }
        found.values().stream().sorted(ROW_ORDER).forEach(m -> byName.put(m.name(), m));
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

    /** Every registered name in row order: the placed methods by their place, then the others by name. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<PeftMethod> all() {
        return List.copyOf(byName.values());
    }

    /** The methods that declare a row, in row order: what a table runs when no methods are named. */
    public List<String> placedNames() {
        return byName.values().stream().filter(m -> m.declaration().row().isPresent()).map(PeftMethod::name).toList();
    }

    /** How tables print {@code method}: its declared display name, or the name itself for a method not on the class path. */
    public String displayName(String method) {
        PeftMethod m = byName.get(method);
        return m == null ? method : m.declaration().displayName();
    }

    /** {@code methods} in row order; names not registered here (records of a method no longer on the class path) last, by name. */
    public List<String> inRowOrder(Collection<String> methods) {
        Set<String> present = new LinkedHashSet<>(methods);
        List<String> ordered = new ArrayList<>();
        for (String name : byName.keySet()) {
            if (present.remove(name)) {
                ordered.add(name);
            }
        }
        ordered.addAll(new TreeSet<>(present));
        return ordered;
    }

    /** The method that reads and writes PEFT's adapters of {@code peftType} (any case), if one is registered. */
    public Optional<PeftMethod> forPeftType(String peftType) {
        return byName.values().stream().filter(m -> m.declaration().peftCodec()
                .map(c -> c.peftType().equalsIgnoreCase(peftType)).orElse(false)).findFirst();
    }

    /** The PEFT formats the registered methods declare, in row order. */
    public List<PeftCodec> peftCodecs() {
        return byName.values().stream().flatMap(m -> m.declaration().peftCodec().stream()).toList();
    }
}
