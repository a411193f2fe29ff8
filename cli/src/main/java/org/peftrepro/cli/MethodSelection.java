package org.peftrepro.cli;

import java.util.ArrayList;
import java.util.List;
import org.peftrepro.methods.spi.MethodOptions;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import picocli.CommandLine.Option;

/** {@code --method NAME} and repeatable {@code --set key=value}, shared by the commands that take a method. */
public final class MethodSelection {
    @Option(names = "--method", paramLabel = "NAME", description = "A registered method (see the methods command).")
    String method;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A method option, repeatable; lists are comma-separated (--set targets=query,value).")
    List<String> assignments = new ArrayList<>();

    boolean present() {
        return method != null;
    }

    PeftMethod peftMethod(MethodRegistry registry) {
        return registry.get(method);
    }

    MethodOptions options(PeftMethod peftMethod) {
        return peftMethod.resolve(MethodOptions.parseAssignments(assignments));
    }

    void requireMethodForSet() {
        if (method == null && !assignments.isEmpty()) {
            throw new IllegalArgumentException("--set needs --method");
        }
    }
}
