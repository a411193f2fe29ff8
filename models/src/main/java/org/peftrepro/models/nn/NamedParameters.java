package org.peftrepro.models.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters under their Hugging Face names, in the order the model declares them. Shapes are fixed at
 * construction, so a model can be counted (LLaMA-2-7B) without allocating a single weight.
 */
public final class NamedParameters {
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /** Declares a frozen parameter of a fixed shape; its array is created later (loaded or initialised). */
    public Parameter add(String name, Parameter.Type type, Shape shape) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(shape).optRequiresGrad(false).build();
        return add(name, p);
    }

    /** Registers an existing parameter; one parameter may be registered under several names (sharing). */
    public Parameter add(String name, Parameter parameter) {
        if (byName.putIfAbsent(name, parameter) != null) {
            throw new IllegalArgumentException("parameter " + name + " is declared twice");
        }
        return parameter;
    }

    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return p;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Map<String, Parameter> asMap() {
        return Collections.unmodifiableMap(byName);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public int size() {
        return byName.size();
    }

    /** Number of scalars, counting a parameter registered under several names once. */
    public long count() {
        return count(byName.values());
    }

    public static long count(Iterable<Parameter> parameters) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long total = 0;
        for (Parameter p : parameters) {
            if (seen.add(p)) {
                total += p.getShape().size();
            }
        }
        return total;
    }
}
