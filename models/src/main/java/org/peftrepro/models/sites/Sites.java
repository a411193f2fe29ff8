package org.peftrepro.models.sites;

import java.util.List;
import java.util.stream.Collectors;

/** Every place of a backbone where a method may attach. Methods talk to these and nothing else. */
public record Sites(List<LinearSite> linears, List<SubLayerSite> subLayerOutputs, LayerStack layerStack) {

    /** Linear sites named by PEFT-style targets ({@code query,value}); an unknown target is an error. */
    public List<LinearSite> linears(List<String> targets) {
        for (String target : targets) {
            if (linears.stream().noneMatch(s -> s.matches(target))) {
                String known = linears.stream().map(s -> s.moduleName().substring(s.moduleName().lastIndexOf('.') + 1))
                        .distinct().collect(Collectors.joining(", "));
                throw new IllegalArgumentException("target module \"" + target + "\" names no linear layer of this model"
                        + " (its linear layers end in: " + known + ")");
            }
        }
        return linears.stream().filter(s -> targets.stream().anyMatch(s::matches)).toList();
    }

    public List<LinearSite> linearsInLayer(int layer) {
        return linears.stream().filter(s -> s.layer() == layer).toList();
    }
}
