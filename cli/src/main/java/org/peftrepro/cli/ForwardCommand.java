package org.peftrepro.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peftrepro.baselines.peft.AdapterFolder;
import org.peftrepro.baselines.peft.PeftAdapters;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.io.SafetensorsWriter;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.sites.ForwardContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a checkpoint on given inputs in eval mode and writes every output, for debugging and parity checks. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Run a checkpoint on inputs from a safetensors file and write its outputs.",
            "Reads input_ids (int64 [B,T]), attention_mask and optional labels; writes hidden_states.0..L,",
            "last_hidden_state, logits, and loss when labels were given (causal LMs: logits, last_hidden_state, loss)."})
public final class ForwardCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FOLDER|HUB_ID",
            description = "Checkpoint folder (config.json + model.safetensors or a sharded index), or a Hub id[@revision] "
                    + "resolved through the Hugging Face cache.")
    String model;

    @Option(names = "--adapter", paramLabel = "FOLDER",
            description = "A PEFT adapter folder (adapter_config.json + adapter_model.safetensors; LoRA or Lily) to apply.")
    Path adapter;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "safetensors file with the inputs.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "safetensors file to write.")
    Path output;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class, paramLabel = "cpu|gpu|gpu:N",
            description = "Where to run (default: ${DEFAULT-VALUE}).")
    Device device;

    @Override
    public Integer call() throws IOException {
        Path folder = ModelLocator.fromEnvironment().checkpointFolder(model);
        ConsoleLogging.quietLibtorch();
        try (NDManager manager = NDManager.newBaseManager(device);
                SafetensorsFile inputs = SafetensorsFile.open(input)) {
            PretrainedModel loaded = adapter == null ? PretrainedModel.load(folder, manager) : withAdapterHead(folder, manager);
            PrintWriter err = spec.commandLine().getErr();
            err.println(model + ": " + loaded.report().summary());
            if (adapter != null) {
                AdapterFolder peft = PeftAdapters.read(adapter);
                PeftAdapters.attach(loaded.model(), peft, manager);
                err.println(adapter + ": " + peft.methodName() + " " + peft.options() + " applied");
            }
            NDArray ids = required(inputs, "input_ids", manager).toType(DataType.INT64, false);
            NDArray labels = inputs.contains("labels") ? inputs.read("labels", manager) : null;
            Map<String, NDArray> outputs = new LinkedHashMap<>();
            if (loaded.model() instanceof SequenceClassifier classifier) {
                NDArray mask = inputs.contains("attention_mask")
                        ? inputs.read("attention_mask", manager).toType(DataType.INT64, false) : ids.onesLike();
                NDArray types = inputs.contains("token_type_ids")
                        ? inputs.read("token_type_ids", manager).toType(DataType.INT64, false) : null;
                ClassifierOutput out = classifier.forward(ids, mask, types, labels, ForwardContext.inference(mask));
                List<NDArray> hidden = out.hiddenStates();
                for (int i = 0; i < hidden.size(); i++) {
                    outputs.put("hidden_states." + i, hidden.get(i));
                }
                outputs.put("last_hidden_state", out.lastHiddenState());
                outputs.put("logits", out.logits());
                if (out.loss() != null) {
                    outputs.put("loss", out.loss().reshape(1));
                }
            } else {
                LlamaForCausalLM lm = (LlamaForCausalLM) loaded.model();
                LlamaForCausalLM.Output out = lm.forward(ids, labels, ForwardContext.inference(null));
                outputs.put("last_hidden_state", out.lastHiddenState());
                outputs.put("logits", out.logits());
                if (out.loss() != null) {
                    outputs.put("loss", out.loss().reshape(1));
                }
            }
            SafetensorsWriter.write(output, outputs);
            spec.commandLine().getOut().println("wrote " + outputs.size() + " tensors to " + output);
        }
        return 0;
    }

    /**
     * The base model with a head shaped like the adapter's saved head (a PEFT folder of a fine-tuned classifier
     * carries its head as modules_to_save); the adapter folder then sets its values.
     */
    private PretrainedModel withAdapterHead(Path folder, NDManager manager) throws IOException {
        AdapterFolder peft = PeftAdapters.read(adapter);
        Integer labels = peft.headLabels();
        return labels == null ? PretrainedModel.load(folder, manager) : PretrainedModel.loadClassifier(folder, labels, manager);
    }

    private static NDArray required(SafetensorsFile inputs, String name, NDManager manager) throws IOException {
        if (!inputs.contains(name)) {
            throw new IllegalArgumentException(inputs.file() + ": no tensor named " + name + " (found: "
                    + String.join(", ", inputs.tensors().keySet()) + ")");
        }
        return inputs.read(name, manager);
    }
}
