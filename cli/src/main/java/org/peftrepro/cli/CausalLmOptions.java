package org.peftrepro.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.peftrepro.evaluation.lm.CausalLm;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.reproduce.engine.CpuThreads;
import picocli.CommandLine.Option;

/** The options of every command that runs a causal LM: the checkpoint, an adapter, the device, the batch size. */
public final class CausalLmOptions {
    @Option(names = "--model", required = true, paramLabel = "FOLDER|HUB_ID",
            description = "A LLaMA checkpoint folder (config.json, model.safetensors or a sharded index, tokenizer.json), "
                    + "or a Hub id[@revision] resolved through the Hugging Face cache.")
    String model;

    @Option(names = "--adapter", paramLabel = "FOLDER",
            description = "A PEFT adapter folder (adapter_config.json + adapter_model.safetensors; LoRA or Lily) to apply.")
    Path adapter;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class, paramLabel = "cpu|gpu|gpu:N",
            description = "Where to run (default: ${DEFAULT-VALUE}).")
    Device device;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "B",
            description = "Sequences per forward pass (default: ${DEFAULT-VALUE}); inputs are sorted by length into batches.")
    int batchSize;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "libtorch's CPU threads (default: one per core). On a machine busy with other work, 1 avoids "
                    + "long stalls of threads waiting for a busy core.")
    int threads;

    /** The checkpoint folder: the local folder, or the Hub snapshot with config, weights and tokenizer. */
    Path modelFolder() {
        return ModelLocator.fromEnvironment().checkpointFolder(model);
    }

    CausalLm load() throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        applyThreads();
        return CausalLm.load(modelFolder(), adapter, device);
    }

    /** Sets libtorch's CPU threads when --threads was given. */
    void applyThreads() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be 0 (one per core) or more, got " + threads);
        }
        if (threads > 0) {
            CpuThreads.set(threads);
        }
    }
}
