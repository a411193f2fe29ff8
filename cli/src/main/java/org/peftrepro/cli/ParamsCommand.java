package org.peftrepro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peftrepro.methods.ParameterReport;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.ModelSummary;
import org.peftrepro.models.Models;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.RobertaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** PEFT-style parameter report of a model, counted from its config alone (no weights are read). */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = {"Parameter report of a model, or of a method on it, from config.json alone (nothing is allocated).",
            "With --method: the method's trainable parameters (task head excluded, on its own line), PEFT-style."})
public final class ParamsCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FOLDER|FILE|HUB_ID",
            description = "A folder with config.json, a config.json file, or a known Hub id "
                    + "(FacebookAI/roberta-base, meta-llama/Llama-2-7b-hf).")
    String model;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Mixin
    MethodSelection selection;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N",
            description = "Run length that schedules merges and injections, for the size at the end (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() throws Exception {
        selection.requireMethodForSet();
        ModelConfig config = ModelLocator.config(model);
        Backbone backbone = Models.build(config);
        if (selection.present()) {
            return methodReport(backbone);
        }
        List<ModelSummary.Group> groups = ModelSummary.groups(backbone.parameters());
        long head = backbone.headParameterNames().stream()
                .mapToLong(n -> backbone.parameters().get(n).getShape().size()).sum();
        long total = backbone.parameters().count() - head;
        Long pooler = config instanceof RobertaConfig r ? ModelSummary.robertaPoolerParameters(r) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", model);
            report.put("modelType", config.modelType());
            report.put("layers", config.numHiddenLayers());
            report.put("hiddenSize", config.hiddenSize());
            report.put("total", total);
            report.put("head", head);
            if (pooler != null) {
                report.put("pooler", pooler);
                report.put("totalWithPooler", total + pooler);
            }
            report.put("groups", groups);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            return 0;
        }
        out.printf("%s: %s, %d layers, hidden size %d%n", model, config.modelType(), config.numHiddenLayers(), config.hiddenSize());
        out.printf("%-40s %16s%n", "module group", "parameters");
        for (ModelSummary.Group g : groups) {
            String label = g.name() + (g.layers() > 0 ? " (x" + g.layers() + ")" : "")
                    + (backbone.headParameterNames().stream().anyMatch(n -> n.startsWith(g.name() + ".")) ? " [task head]" : "");
            out.printf("%-40s %,16d%n", label, g.parameters());
        }
        if (pooler != null) {
            out.printf("%-40s %,16d%n", "roberta.pooler [base checkpoints only]", pooler);
        }
        out.printf("all params: %,d (backbone, task head excluded)", total);
        if (pooler != null) {
            out.printf(" || with pooler: %,d", total + pooler);
        }
        out.printf(" || task head: %,d%n", head);
        return 0;
    }

    /** The method's counts on this model: nothing is allocated, the method is attached to shapes only. */
    private int methodReport(Backbone backbone) throws Exception {
        PeftMethod method = selection.peftMethod(MethodRegistry.load());
        Adaptation adaptation = method.attach(backbone, selection.options(method));
        ParameterReport report = ParameterReport.of(backbone, adaptation, epochs);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("model", model);
            map.put("method", report.method());
            map.put("displayName", method.declaration().displayName());
            map.put("options", report.options());
            map.put("trainable", report.trainable());
            map.put("head", report.head());
            map.put("total", report.total());
            map.put("trainableAtEnd", report.trainableAtEnd());
            map.put("epochs", report.epochs());
            map.put("groups", report.groups());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map));
            return 0;
        }
        out.printf("%s (%s) on %s %s%n", method.declaration().displayName(), report.method(), model, report.options());
        int width = report.groups().stream().mapToInt(g -> g.name().length()).max().orElse(10);
        for (ParameterReport.Group g : report.groups()) {
            out.printf("  %-" + width + "s %,14d%n", g.name(), g.parameters());
        }
        out.printf("method's trainable params: %,d (task head excluded)%n", report.trainable());
        if (report.trainableAtEnd() != report.trainable()) {
            out.printf("after all merges/injections of a %d-epoch run: %,d%n", report.epochs(), report.trainableAtEnd());
        }
        out.printf("task head (trained, not counted above): %,d%n", report.head());
        out.println(report.peftLine());
        return 0;
    }
}
