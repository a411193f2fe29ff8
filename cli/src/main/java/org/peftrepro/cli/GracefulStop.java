package org.peftrepro.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.peftrepro.reproduce.engine.StopSignal;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a long command: the first asks training to stop at the next step boundary, so that
 * the process never exits while libtorch is inside a backward pass (which crashes the JVM and loses the run's
 * state); the second quits at once. The JVM's own handlers come back when the command ends.
 */
final class GracefulStop implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final StopSignal signal = new StopSignal();
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private GracefulStop() {}

    static GracefulStop install(PrintWriter err) {
        GracefulStop stop = new GracefulStop();
        for (String name : SIGNALS) {
            Signal s = new Signal(name);
            stop.previous.add(Signal.handle(s, received -> stop.received(received, err)));
            stop.installed.add(s);
        }
        return stop;
    }

    StopSignal signal() {
        return signal;
    }

    private void received(Signal s, PrintWriter err) {
        if (signal.isRequested()) {
            err.println("\nSIG" + s.getName() + " again: quitting now; the run in progress is lost, recorded runs stay.");
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
        signal.request("SIG" + s.getName());
        err.println("\nSIG" + s.getName() + ": stopping at the next training step (again to quit at once)");
        err.flush();
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}
