package org.peftrepro.benchmarks;

import ai.djl.Device;
import java.util.Locale;

/** Devices as the command line and the JMH parameter write them: {@code cpu}, {@code gpu} or {@code gpu:N}. */
public final class BenchDevice {
    private BenchDevice() {}

    public static Device parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("cpu")) {
            return Device.cpu();
        }
        if (v.equals("gpu")) {
            return Device.gpu();
        }
        if (v.startsWith("gpu:")) {
            try {
                int index = Integer.parseInt(v.substring(4));
                if (index >= 0) {
                    return Device.gpu(index);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a device: use cpu, gpu or gpu:N");
    }

    /** The canonical name of a device: {@code cpu} or {@code gpu:N}. */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
