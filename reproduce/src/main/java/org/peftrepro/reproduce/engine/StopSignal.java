package org.peftrepro.reproduce.engine;

/**
 * A request to stop training at the next step boundary (Ctrl-C, SIGTERM), checked by the training loop before
 * every micro-batch. Stopping between steps, never inside libtorch's backward pass, leaves the process in a state
 * it can exit from cleanly: what is recorded stays recorded, and the unfinished run is simply run again next time.
 */
public final class StopSignal {
    /** Thrown by the training loop when a stop was requested. */
    public static final class StopRequestedException extends RuntimeException {
        public StopRequestedException(String reason) {
            super(reason);
        }
    }

    private volatile String reason;

    /** Asks training to stop at the next step boundary. */
    public void request(String why) {
        reason = why;
    }

    public boolean isRequested() {
        return reason != null;
    }

    public void throwIfRequested() {
        String why = reason;
        if (why != null) {
            throw new StopRequestedException(why);
        }
    }
}
