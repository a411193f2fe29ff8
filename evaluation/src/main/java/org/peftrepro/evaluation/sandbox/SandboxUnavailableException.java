package org.peftrepro.evaluation.sandbox;

import java.io.IOException;

/** The machine lacks what the code sandbox needs (bubblewrap, util-linux, python3), or it does not work here. */
public final class SandboxUnavailableException extends IOException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
