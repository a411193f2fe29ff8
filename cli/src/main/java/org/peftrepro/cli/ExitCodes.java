package org.peftrepro.cli;

/** What the suite's exit status means; the README lists them. */
final class ExitCodes {
    /** Everything asked for was done. */
    static final int OK = 0;
    /** An error stopped the command, or (tables, figures) some runs failed: their records say why. */
    static final int RUNS_FAILED = 1;
    /** The command line was wrong (unknown option, bad value). */
    static final int USAGE = 2;
    /** Stopped by Ctrl-C or SIGTERM at a step boundary; what was recorded stays, a rerun goes on from there. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
