package org.peftrepro.models;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peftrepro.models.config.RobertaConfig;
import org.peftrepro.models.nn.NamedParameters;
import org.peftrepro.models.roberta.RobertaModel;

/** Parameter counts of a model by module group, the way the papers and PEFT quote them. */
public final class ModelSummary {
    private static final Pattern LAYER = Pattern.compile("^(.*?\\.(?:layer|layers))\\.\\d+\\..*$");

    /** One line of the report: a module group, its parameter count, and how many layers it spans. */
    public record Group(String name, long parameters, int layers) {}

    private ModelSummary() {}

    /** Groups in declaration order; a parameter shared under several names is counted once. */
    public static List<Group> groups(NamedParameters parameters) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Set<String>> layerIds = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var e : parameters.asMap().entrySet()) {
            if (!seen.add(e.getValue())) {
                continue;
            }
            String name = e.getKey();
            String group = groupOf(name);
            counts.computeIfAbsent(group, g -> new long[1])[0] += e.getValue().getShape().size();
            Matcher m = LAYER.matcher(name);
            if (m.matches()) {
                String rest = name.substring(m.group(1).length() + 1);
                layerIds.computeIfAbsent(group, g -> new java.util.HashSet<>()).add(rest.substring(0, rest.indexOf('.')));
            }
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((g, c) -> groups.add(new Group(g, c[0], layerIds.getOrDefault(g, Set.of()).size())));
        return groups;
    }

    /** {@code roberta.encoder.layer.3.attention...} -> {@code roberta.encoder.layer.*}; else the module above the tensor's own. */
    static String groupOf(String name) {
        Matcher m = LAYER.matcher(name);
        if (m.matches()) {
            return m.group(1) + ".*";
        }
        String[] parts = name.split("\\.");
        if (parts.length <= 2) {
            return parts[0];
        }
        boolean prefixed = parts[0].equals("roberta") || parts[0].equals("model");
        return prefixed ? parts[0] + "." + parts[1] : parts[0];
    }

    /** RoBERTa's pooler ({@code RobertaModel} has one, {@code RobertaForSequenceClassification} does not). */
    public static long robertaPoolerParameters(RobertaConfig config) {
        NamedParameters withPooler = new NamedParameters();
        new RobertaModel(config, withPooler, true);
        NamedParameters without = new NamedParameters();
        new RobertaModel(config, without, false);
        return withPooler.count() - without.count();
    }
}
