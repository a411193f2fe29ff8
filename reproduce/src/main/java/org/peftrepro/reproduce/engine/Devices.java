package org.peftrepro.reproduce.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Checks that a device can be used, before any work is done on it. */
public final class Devices {
    private Devices() {}

    /** A GPU must be one libtorch sees; the CPU always can be used. */
    public static void check(Device device) {
        if (!device.isGpu()) {
            return;
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            throw new IllegalArgumentException("--device " + wireName(device) + ": libtorch sees no GPU here (the CPU "
                    + "build is bundled: on a CUDA machine run with -Dgpu, see the README's GPU section)");
        }
        if (device.getDeviceId() >= gpus) {
            throw new IllegalArgumentException("--device " + wireName(device) + ": libtorch sees " + gpus
                    + (gpus == 1 ? " GPU (gpu:0)" : " GPUs (gpu:0 to gpu:" + (gpus - 1) + ")"));
        }
    }

    /** How the command line names a device: {@code cpu}, {@code gpu:N}. */
    public static String wireName(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
