package org.peftrepro.methods;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.nn.NamedParameters;

/**
 * A method's parameter counts on a model, as PEFT reports them and the papers quote them: the task head
 * is trained but never counted as the method's.
 *
 * @param trainable the method's trainable parameters now (head excluded)
 * @param head the task head's parameters (trained in every GLUE run)
 * @param total every parameter of the model with the method attached, head excluded
 * @param trainableAtEnd the method's parameters after all events of a run of {@code epochs} epochs
 * @param groups the method's trainable parameters by module group, layers collapsed
 */
public record ParameterReport(String method, Map<String, String> options, long trainable, long head, long total,
        long trainableAtEnd, int epochs, List<Group> groups) {

    public record Group(String name, long parameters) {}

    public static ParameterReport of(Backbone model, Adaptation adaptation, int epochs) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long total = 0;
        long head = 0;
        for (Map.Entry<String, Parameter> e : model.parameters().asMap().entrySet()) {
            if (seen.add(e.getValue())) {
                long size = e.getValue().getShape().size();
                if (model.headParameterNames().contains(e.getKey())) {
                    head += size;
                } else {
                    total += size;
                }
            }
        }
        for (Parameter p : adaptation.state().asMap().values()) {
            if (seen.add(p)) {
                total += p.getShape().size();
            }
        }
        return new ParameterReport(adaptation.options().method(), adaptation.options().asMap(),
                adaptation.trainable().count(), head, total, adaptation.trainableAtEnd(epochs), epochs,
                groups(adaptation.trainable()));
    }

    /** PEFT's {@code print_trainable_parameters} line, the head counted as trainable as PEFT counts it. */
    public String peftLine() {
        long trainableWithHead = trainable + head;
        long all = total + head;
        return String.format("trainable params: %,d || all params: %,d || trainable%%: %.4f", trainableWithHead, all,
                100.0 * trainableWithHead / all);
    }

    static List<Group> groups(NamedParameters parameters) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        parameters.asMap().forEach((name, p) -> {
            if (seen.add(p)) {
                counts.merge(groupOf(name), p.getShape().size(), Long::sum);
            }
        });
        List<Group> groups = new ArrayList<>();
        counts.forEach((n, c) -> groups.add(new Group(n, c)));
        return groups;
    }

    /** Layer numbers and spans collapsed, the tensor's own suffix dropped: one line per kind of parameter. */
    static String groupOf(String name) {
        String collapsed = name.replaceAll("\\.(layer|layers)\\.\\d+\\.", ".$1.*.").replaceAll("\\.\\d+-\\d+\\.", ".*.");
        return collapsed.endsWith(".weight") || collapsed.endsWith(".bias")
                ? collapsed.substring(0, collapsed.lastIndexOf('.')) : collapsed;
    }
}
