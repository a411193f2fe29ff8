package org.peftrepro.reproduce.engine;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.peftrepro.datasets.GlueTask;
import org.peftrepro.methods.spi.Fidelity;
import org.peftrepro.datasets.Scale;

/**
 * One run: a task, a method with its options, a seed, at a scale and fidelity, on a model and data, on a device.
 *
 * @param methodOptions the options given to the method: the protocol's for this task, the fidelity's, the user's
 * @param modelId how the user named the model (Hub id or folder), for the record
 * @param modelFolder the checkpoint folder (config.json, weights, tokenizer.json)
 * @param dataFolder a GLUE folder (either layout)
 * @param backboneFloat16 keep the frozen weight matrices in float16 (mixed precision; meant for GPUs)
 */
public record RunSpec(String table, GlueTask task, String method, Map<String, String> methodOptions, long seed,
        Scale scale, Fidelity fidelity, String modelId, Path modelFolder, String dataSource, Path dataFolder,
        boolean syntheticData, Device device, Hyperparameters hyperparameters, boolean backboneFloat16) {

    /**
     * The run's stable key and file name: the same run asked again maps to the same record, so a table run
     * that was killed skips what it already finished. Options that differ from the method's defaults are part
     * of it through a short hash.
     */
    public String runId() {
        String options = Integer.toHexString(new TreeMap<>(methodOptions).toString().hashCode()
                ^ hyperparameters.toString().hashCode());
        String id = String.join("-", table, scale.wireName(), task.hubConfig(), method, fidelity.wireName(), "seed" + seed, options);
        return backboneFloat16 ? id + "-fp16" : id;
    }
}
