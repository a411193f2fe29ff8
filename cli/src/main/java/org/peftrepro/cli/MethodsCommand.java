package org.peftrepro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.peftrepro.methods.peft.PeftCodec;
import org.peftrepro.methods.spi.MethodDeclaration;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.methods.spi.ProtocolDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists every registered method, the suite's and any a user plugs in through ServiceLoader, in row order. */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the registered methods in the tables' row order, with their options, defaults and protocol settings.")
public final class MethodsCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<PeftMethod> methods = MethodRegistry.load().all();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (PeftMethod m : methods) {
                list.add(asJson(m));
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
            return 0;
        }
        for (PeftMethod m : methods) {
            MethodDeclaration d = m.declaration();
            out.printf("%-18s %s%n", d.name(), d.description());
            String row = d.row().isPresent() ? ", row " + d.row().getAsInt() : " (no row of its own: with --methods all)";
            out.printf("  %s in tables%s%s%n", d.displayName(), row,
                    d.peftCodec().map(c -> "; PEFT adapter folders: " + c.peftType()).orElse(""));
            for (OptionSpec o : d.options()) {
                out.printf("  --set %-26s %s (%s)%n", o.key() + "=" + o.defaultValue(), o.description(), o.type().accepts());
            }
            for (ProtocolDefaults p : d.protocols().values()) {
                out.printf("  %s: %s%n", p.protocol(), summary(p));
            }
        }
        return 0;
    }

    /** The protocol-wide settings, and which tasks have their own. */
    private static String summary(ProtocolDefaults p) {
        List<String> parts = new ArrayList<>();
        p.lr().ifPresent(v -> parts.add("lr " + v));
        p.headLrScale().ifPresent(v -> parts.add("head lr x" + v));
        p.weightDecay().ifPresent(v -> parts.add("weight decay " + v));
        p.options().forEach((k, v) -> parts.add(k + "=" + v));
        if (!p.tasks().isEmpty()) {
            parts.add("per task: " + String.join(", ", p.tasks().keySet()) + " (--json)");
        }
        return String.join(", ", parts);
    }

    private static Map<String, Object> asJson(PeftMethod m) {
        MethodDeclaration d = m.declaration();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", d.name());
        entry.put("displayName", d.displayName());
        entry.put("description", d.description());
        entry.put("row", d.row().isPresent() ? d.row().getAsInt() : null);
        List<Map<String, Object>> options = new ArrayList<>();
        for (OptionSpec o : d.options()) {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("key", o.key());
            option.put("defaultValue", o.defaultValue());
            option.put("accepts", o.type().accepts());
            option.put("description", o.description());
            options.add(option);
        }
        entry.put("options", options);
        Map<String, Object> protocols = new LinkedHashMap<>();
        d.protocols().forEach((name, p) -> protocols.put(name, protocolJson(p)));
        entry.put("protocols", protocols);
        entry.put("peftType", d.peftCodec().map(PeftCodec::peftType).orElse(null));
        entry.put("class", m.getClass().getName());
        return entry;
    }

    private static Map<String, Object> protocolJson(ProtocolDefaults p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", p.source());
        json.put("lr", valueOrNull(p.lr()));
        json.put("headLrScale", valueOrNull(p.headLrScale()));
        json.put("weightDecay", valueOrNull(p.weightDecay()));
        json.put("options", p.options());
        Map<String, Object> tasks = new LinkedHashMap<>();
        p.tasks().forEach((task, t) -> {
            Map<String, Object> taskJson = new LinkedHashMap<>();
            taskJson.put("headLrScale", valueOrNull(t.headLrScale()));
            taskJson.put("options", t.options());
            tasks.put(task, taskJson);
        });
        json.put("tasks", tasks);
        return json;
    }

    private static Double valueOrNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
