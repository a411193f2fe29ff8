package org.peftrepro.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts. */
public final class GlobalOptions {
    /** Read by the error handler, which runs outside any command instance. */
    static volatile boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on errors, and the log lines of DJL and libtorch.")
    void setVerbose(boolean value) {
        verbose = value;
    }
}
