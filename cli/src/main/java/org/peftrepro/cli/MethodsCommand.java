package org.peftrepro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.OptionSpec;
import org.peftrepro.methods.spi.PeftMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists every registered method, the suite's and any a user plugs in through ServiceLoader. */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the registered methods with their options and defaults.")
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
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", m.name());
                entry.put("description", m.description());
                entry.put("options", m.options());
                entry.put("class", m.getClass().getName());
                list.add(entry);
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
            return 0;
        }
        for (PeftMethod m : methods) {
            out.printf("%-18s %s%n", m.name(), m.description());
            for (OptionSpec o : m.options()) {
                out.printf("  --set %-26s %s%n", o.key() + "=" + o.defaultValue(), o.description());
            }
        }
        return 0;
    }
}
