package org.peftrepro.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The suite's command line: {@code mvn -q compile exec:java -Dexec.args="<command> <options>"}. */
@Command(
        name = "peft-repro",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reproductions of LoR2C and Lily against full fine-tuning, LoRA and adapters.",
        subcommands = {Table1Command.class, ReportCommand.class, MethodsCommand.class, ParamsCommand.class, ForwardCommand.class, BenchCommand.class,
            DjlCacheCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command line; returns the exit code (0 ok, 1 failed, 2 bad usage). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, argv) -> {
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("error: " + describe(ex));
            if (GlobalOptions.verbose) {
                ex.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        Throwable cause = ex.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return describe(cause);
        }
        return message == null ? ex.getClass().getSimpleName() : message;
    }
}
