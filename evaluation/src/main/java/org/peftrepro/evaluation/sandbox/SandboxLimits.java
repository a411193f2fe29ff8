package org.peftrepro.evaluation.sandbox;

import java.time.Duration;

/**
 * What a sandboxed program may use.
 *
 * @param time wall-clock time from start to exit; past it the program and everything it started are killed
 * @param memoryBytes its address space (RLIMIT_AS): an allocation past it fails with MemoryError
 * @param fileBytes the largest file it may write, its error output included (RLIMIT_FSIZE)
 */
public record SandboxLimits(Duration time, long memoryBytes, long fileBytes) {
    /** HumanEval's 3 s, 1 GiB of address space, files of 16 MiB. */
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(3), 1L << 30, 16L << 20);

    public SandboxLimits {
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive, got " + time);
        }
        if (memoryBytes < (64L << 20)) {
            throw new IllegalArgumentException("the memory limit must be at least 64 MiB (Python needs it to start), got "
                    + memoryBytes + " bytes");
        }
        if (fileBytes < 1) {
            throw new IllegalArgumentException("the file size limit must be positive, got " + fileBytes);
        }
    }

    public SandboxLimits withTime(Duration value) {
        return new SandboxLimits(value, memoryBytes, fileBytes);
    }

    public SandboxLimits withMemoryBytes(long value) {
        return new SandboxLimits(time, value, fileBytes);
    }
}
