package org.peftrepro.methods.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.TreeSet;
import org.peftrepro.models.nn.NamedParameters;

/** Copies saved tensors into parameters by name, checking that the two sets of names and shapes agree. */
public final class StateValues {
    private StateValues() {}

    public static void copyInto(NamedParameters parameters, Map<String, NDArray> saved) {
        TreeSet<String> missing = new TreeSet<>(parameters.names());
        missing.removeAll(saved.keySet());
        TreeSet<String> extra = new TreeSet<>(saved.keySet());
        extra.removeAll(parameters.names());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("saved state does not fit the method: missing " + missing + ", unexpected " + extra);
        }
        for (Map.Entry<String, Parameter> e : parameters.asMap().entrySet()) {
            NDArray value = saved.get(e.getKey());
            NDArray target = e.getValue().getArray();
            if (!value.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("saved " + e.getKey() + " has shape " + value.getShape()
                        + " but the method's parameter has " + target.getShape());
            }
            target.set(value.toType(target.getDataType(), false).toFloatArray());
        }
    }
}
