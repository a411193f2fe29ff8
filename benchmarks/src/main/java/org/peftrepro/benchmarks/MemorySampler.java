package org.peftrepro.benchmarks;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The highest memory use seen at the points where it is sampled: on a GPU the device memory in use (device-wide:
 * DJL exposes no per-process peak), on a CPU the process's resident set, which counts libtorch's native tensors
 * that the JVM heap would miss.
 */
final class MemorySampler {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final Device device;
    private long peak;

    MemorySampler(Device device) {
        this.device = device;
    }

    /** Samples now; call where use is highest (after a backward pass, before its activations are freed). */
    void sample() {
        peak = Math.max(peak, current());
    }

    long peakBytes() {
        return peak;
    }

    private long current() {
        if (device.isGpu()) {
            return CudaUtils.getGpuMemory(device).getCommitted();
        }
        return residentBytes();
    }

    /** VmRSS of /proc/self/status; where there is none (not Linux), the JVM heap in use. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the JVM's own view
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
