package org.peftrepro.reproduce.engine;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory in use, for the run record: device memory on a GPU (device-wide, DJL has no per-process peak),
 * the process's resident memory on a CPU (native tensors included, which the JVM heap would miss).
 */
public final class MemoryProbe implements TrainStep.Observer {
    private final Device device;
    private long peak;

    public MemoryProbe(Device device) {
        this.device = device;
    }

    /** Samples now; call at points of high use (after a backward pass). */
    public void sample() {
        peak = Math.max(peak, current());
    }

    @Override
    public void afterBackward() {
        sample(); // activations and gradients are all alive here
    }

    public long peakBytes() {
        return peak;
    }

    private long current() {
        if (device.isGpu()) {
            return CudaUtils.getGpuMemory(device).getCommitted();
        }
        return residentBytes();
    }

    /** VmRSS of /proc/self/status; where there is none (not Linux), the JVM heap in use. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall back to the JVM's own view
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
