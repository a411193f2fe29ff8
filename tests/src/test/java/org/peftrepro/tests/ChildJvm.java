package org.peftrepro.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The suite's command line (or another main class) in a JVM of its own, with the test's class path, offline. */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    static List<String> command(List<String> jvmOptions, String... args) {
        return main("org.peftrepro.cli.Main", jvmOptions, args);
    }

    /** A test program's {@code main}, e.g. a fake worker. */
    static List<String> main(Class<?> mainClass, List<String> jvmOptions, String... args) {
        return main(mainClass.getName(), jvmOptions, args);
    }

    private static List<String> main(String mainClass, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
