package org.peftrepro.benchmarks;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path JMH's forked VMs need. JMH starts them with this VM's {@code java.class.path}, which under
 * {@code mvn exec:java} is Maven's own launcher, not the project: the benchmarks are loaded by a class loader
 * that exec:java built. The class path is rebuilt from the URLs of the class loaders that loaded the benchmarks,
 * then whatever {@code java.class.path} holds (all of it when the benchmarks come from the application class
 * path, as under surefire or {@code java -cp}).
 */
final class ForkClassPath {
    private ForkClassPath() {}

    static String of(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        entries.add(toPath(url));
                    }
                }
            }
        }
        String own = System.getProperty("java.class.path", "");
        Arrays.stream(own.split(File.pathSeparator)).filter(s -> !s.isEmpty()).forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Runs {@code action} with {@code java.class.path} set to {@code classPath}: JMH reads the property when it
     * builds each fork's command line. The property is restored afterwards.
     */
    static <T, E extends Exception> T with(String classPath, ThrowingSupplier<T, E> action) throws E {
        String saved = System.getProperty("java.class.path");
        System.setProperty("java.class.path", classPath);
        try {
            return action.get();
        } finally {
            if (saved == null) {
                System.clearProperty("java.class.path");
            } else {
                System.setProperty("java.class.path", saved);
            }
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    private static String toPath(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.getPath();
        }
    }
}
