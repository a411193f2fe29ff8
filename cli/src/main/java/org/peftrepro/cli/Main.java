package org.peftrepro.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.peftrepro.hub.io.Ints;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.TypeConversionException;

/** The suite's command line: {@code mvn -q compile exec:java -Dexec.args="<command> <options>"}. */
@Command(
        name = "peft-repro",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reproductions of LoR2C and Lily against full fine-tuning, LoRA and adapters.",
        subcommands = {Table1Command.class, ReportCommand.class, MethodsCommand.class, ParamsCommand.class, ForwardCommand.class, BenchCommand.class,
            GenerateCommand.class, LoglikelihoodCommand.class, EvaluateCommand.class,
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
        GlobalOptions.verbose = false; // set again by --verbose while the arguments are parsed
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Integer.class, Main::parseInt);
        cli.registerConverter(Integer.TYPE, Main::parseInt);
        cli.registerConverter(Long.class, Main::parseLong);
        cli.registerConverter(Long.TYPE, Main::parseLong);
        cli.setExecutionStrategy(parseResult -> {
            ConsoleLogging.configure(GlobalOptions.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
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

    /** The one line an error prints: the exception's message, or what it leaves out. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        Throwable cause = ex.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return describe(cause);
        }
        if (ex instanceof FileSystemException fs && fs.getFile() != null && fs.getReason() == null) {
            // The JDK's message is then the bare path: say what happened to it.
            String other = fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")";
            return fs.getFile() + ": " + fileProblem(fs) + other;
        }
        if (ex instanceof UncheckedIOException && message != null && cause != null
                && !message.contains(describe(cause))) {
            return message + ": " + describe(cause); // a wrapper whose own message hides what went wrong
        }
        return message == null ? ex.getClass().getSimpleName() : message;
    }

    private static String fileProblem(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getClass().getSimpleName();
    }

    /** picocli's own converter calls a number too large for an int "not an int". */
    private static Integer parseInt(String value) {
        try {
            return Ints.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static Long parseLong(String value) {
        try {
            return Ints.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
