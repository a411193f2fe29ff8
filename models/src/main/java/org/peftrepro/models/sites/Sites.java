package org.peftrepro.models.sites;

import java.util.List;
import java.util.stream.Collectors;

/** Every place of a backbone where a method may attach. Methods talk to these and nothing else. */
public record Sites(List<LinearSite> linears, List<SubLayerSite> subLayerOutputs, LayerStack layerStack) {

    /**
     * Linear sites named by PEFT-style targets: a module name or its last components ({@code q_proj},
     * {@code attention.self.query}), or, when no module is so named, a role shared by every architecture
     * ({@code query}, {@code value}, {@code ffn.down}), so {@code query,value} means the same on RoBERTa and
     * LLaMA. A target that names nothing is an error.
     */
    public List<LinearSite> linears(List<String> targets) {
        List<LinearSite> selected = new java.util.ArrayList<>();
        for (String target : targets) {
            List<LinearSite> named = linears.stream().filter(s -> s.matches(target)).toList();
            if (named.isEmpty()) {
                named = linears.stream().filter(s -> s.role().equals(target)).toList();
            }
            if (named.isEmpty()) {
                String known = linears.stream().map(s -> s.moduleName().substring(s.moduleName().lastIndexOf('.') + 1))
                        .distinct().collect(Collectors.joining(", "));
                throw new IllegalArgumentException("target module \"" + target + "\" names no linear layer of this model"
                        + " (its linear layers end in: " + known + ")");
            }
            named.stream().filter(s -> !selected.contains(s)).forEach(selected::add);
        }
        // In model order, as PEFT walks the modules.
        return linears.stream().filter(selected::contains).toList();
    }

    public List<LinearSite> linearsInLayer(int layer) {
        return linears.stream().filter(s -> s.layer() == layer).toList();
    }
}
