package org.peftrepro.cli;

import picocli.CommandLine.IVersionProvider;

/** The suite's version from its jar manifest, and the engine versions it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String suite = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "peft-repro " + (suite == null ? "(development build)" : suite),
            "DJL 0.35.1, PyTorch engine 2.7.1, Java " + System.getProperty("java.version")
        };
    }
}
