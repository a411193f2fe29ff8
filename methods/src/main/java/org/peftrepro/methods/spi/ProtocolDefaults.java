package org.peftrepro.methods.spi;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What a method sets for one training protocol (one paper table, e.g. {@code table1}), before the user's overrides:
 * its learning rate and optimizer settings where they differ from the protocol's, and method options for every task
 * or for one. What is left empty the protocol decides.
 *
 * @param protocol the protocol's name, e.g. {@code table1}
 * @param source where the values come from (a paper's table, an official script), for the reader
 * @param lr the method's learning rate on every task; empty: the protocol's rate of the task
 * @param headLrScale the task head's learning rate as a multiple of the method's; empty: the protocol's
 * @param weightDecay AdamW's weight decay for the method's parameters; empty: the protocol's
 * @param options method options on every task of the protocol
 * @param tasks what differs per task, by the task's name in the protocol (GLUE: {@code cola}, {@code sst2}, ...)
 */
public record ProtocolDefaults(String protocol, String source, OptionalDouble lr, OptionalDouble headLrScale,
        OptionalDouble weightDecay, Map<String, String> options, Map<String, TaskDefaults> tasks) {

    public ProtocolDefaults {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(source, "source");
        options = sorted(options);
        tasks = sorted(tasks);
    }

    /** Nothing set yet for {@code protocol}: add what the method changes with the {@code with...} methods. */
    public static ProtocolDefaults of(String protocol, String source) {
        return new ProtocolDefaults(protocol, source, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Map.of(), Map.of());
    }

    public ProtocolDefaults withLr(double value) {
        return new ProtocolDefaults(protocol, source, OptionalDouble.of(value), headLrScale, weightDecay, options, tasks);
    }

    public ProtocolDefaults withHeadLrScale(double value) {
        return new ProtocolDefaults(protocol, source, lr, OptionalDouble.of(value), weightDecay, options, tasks);
    }

    public ProtocolDefaults withWeightDecay(double value) {
        return new ProtocolDefaults(protocol, source, lr, headLrScale, OptionalDouble.of(value), options, tasks);
    }

    public ProtocolDefaults withOptions(Map<String, String> value) {
        return new ProtocolDefaults(protocol, source, lr, headLrScale, weightDecay, value, tasks);
    }

    public ProtocolDefaults withTask(String task, TaskDefaults value) {
        Map<String, TaskDefaults> more = new TreeMap<>(tasks);
        if (more.put(task, value) != null) {
            throw new IllegalArgumentException("protocol " + protocol + ": task " + task + " is set twice");
        }
        return new ProtocolDefaults(protocol, source, lr, headLrScale, weightDecay, options, more);
    }

    /** The method options on {@code task}: the protocol-wide ones, then the task's own. */
    public Map<String, String> optionsFor(String task) {
        Map<String, String> result = new TreeMap<>(options);
        TaskDefaults t = tasks.get(task);
        if (t != null) {
            result.putAll(t.options());
        }
        return Collections.unmodifiableMap(result);
    }

    /** The head's learning-rate multiple on {@code task}: the task's own, else the protocol-wide one. */
    public OptionalDouble headLrScaleFor(String task) {
        TaskDefaults t = tasks.get(task);
        return t != null && t.headLrScale().isPresent() ? t.headLrScale() : headLrScale;
    }

    /**
     * What a method sets for one task of a protocol.
     *
     * @param headLrScale the head's learning rate as a multiple of the method's on this task; empty: as on the others
     * @param options method options on this task
     */
    public record TaskDefaults(OptionalDouble headLrScale, Map<String, String> options) {
        public TaskDefaults {
            options = sorted(options);
        }

        public static TaskDefaults options(Map<String, String> options) {
            return new TaskDefaults(OptionalDouble.empty(), options);
        }

        public TaskDefaults withHeadLrScale(double value) {
            return new TaskDefaults(OptionalDouble.of(value), options);
        }
    }

    /** Sorted by key, so that the declaration reads the same whatever map it was written with. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
