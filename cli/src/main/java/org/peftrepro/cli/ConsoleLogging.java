package org.peftrepro.cli;

import ai.djl.engine.Engine;
import com.sun.jna.NativeLibrary;

/**
 * What reaches the console besides the commands' own lines: the suite's log lines (Hub downloads, cache
 * fallbacks) always; DJL's INFO and WARN lines (thread counts, "Failed to detect GPU count", platform
 * detection) and libtorch's C++ warnings only with {@code --verbose}. An error is one line either way.
 *
 * <p>Levels are set as slf4j-simple system properties, which a logger reads when it is created: that works
 * under {@code java -cp} (the suite's slf4j-simple) and under {@code mvn exec:java} (Maven's own slf4j-simple),
 * as long as it runs before DJL's classes log anything. JMH's forked VMs inherit the properties.
 */
final class ConsoleLogging {
    private static final String LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";

    /** c10's minimum level for its C++ log lines (TORCH_CPP_LOG_LEVEL, which only Python's torch reads). */
    private static final String LIBTORCH_LOG_LEVEL = "FLAGS_caffe2_log_level";
    private static final int LIBTORCH_ERROR = 2;

    private static volatile boolean verbose;

    private ConsoleLogging() {}

    /** Sets the levels for this process; called before a command runs. */
    static void configure(boolean verboseOutput) {
        verbose = verboseOutput;
        System.setProperty(LEVEL_PREFIX + "ai.djl", verboseOutput ? "info" : "error");
        System.setProperty(LEVEL_PREFIX + "org.peftrepro", "info");
    }

    /**
     * Loads libtorch and, unless verbose, raises c10's log level to errors: libtorch writes its warnings to the
     * process's stderr itself (DJL's loading of weights triggers "AutoNonVariableTypeMode is deprecated" once).
     * For commands that compute with libtorch in this process.
     */
    static void quietLibtorch() {
        Engine.getInstance(); // loads libc10, which a command would load anyway
        if (verbose) {
            return;
        }
        try {
            NativeLibrary.getInstance("c10").getGlobalVariableAddress(LIBTORCH_LOG_LEVEL).setInt(0, LIBTORCH_ERROR);
        } catch (UnsatisfiedLinkError e) {
            // Another libtorch layout: its warnings stay, nothing else changes.
        }
    }
}
