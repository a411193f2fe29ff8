package org.peftrepro.cli;

import ai.djl.Device;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. */
public final class DeviceConverter implements ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("cpu")) {
            return Device.cpu();
        }
        if (v.equals("gpu") || v.equals("cuda")) {
            return Device.gpu();
        }
        if (v.startsWith("gpu:") || v.startsWith("cuda:")) {
            try {
                int index = Integer.parseInt(v.substring(v.indexOf(':') + 1));
                if (index >= 0) {
                    return Device.gpu(index);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new TypeConversionException("'" + value + "' is not a device: use cpu, gpu or gpu:N");
    }
}
