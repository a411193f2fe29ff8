package org.peftrepro.reproduce.table;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.datasets.Scale;

/**
 * What the user asked of a table run.
 *
 * @param model Hub id or folder; null: the protocol's model (smoke: the suite's tiny model)
 * @param dataFolder a GLUE folder in either layout; null: the Hub's nyu-mll/glue (smoke: the smoke tasks)
 * @param methodOverrides per method, options given with {@code --set}
 * @param overrides hyperparameters given on the command line (epochs, lr, batchSize, maxLength), or empty
 * @param backboneFloat16 keep frozen weight matrices in float16
 */
public record TableOptions(Scale scale, String model, Path dataFolder, List<GlueTask> tasks, List<String> methods,
        List<Long> seeds, Fidelity fidelity, Device device, Path out, Map<String, Map<String, String>> methodOverrides,
        Map<String, Number> overrides, boolean backboneFloat16) {

    /** Float32 throughout, the default. */
    public TableOptions(Scale scale, String model, Path dataFolder, List<GlueTask> tasks, List<String> methods,
            List<Long> seeds, Fidelity fidelity, Device device, Path out, Map<String, Map<String, String>> methodOverrides,
            Map<String, Number> overrides) {
        this(scale, model, dataFolder, tasks, methods, seeds, fidelity, device, out, methodOverrides, overrides, false);
    }
}
