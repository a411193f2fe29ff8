package org.peftrepro.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peftrepro.baselines.peft.AdapterFolder;
import org.peftrepro.baselines.peft.PeftAdapters;
import org.peftrepro.models.ClassifierOutput;
import org.peftrepro.models.ModelInputs;
import org.peftrepro.models.ModelLocator;
import org.peftrepro.models.PretrainedModel;
import org.peftrepro.models.SequenceClassifier;
import org.peftrepro.models.io.Checkpoint;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.io.SafetensorsWriter;
import org.peftrepro.models.llama.LlamaForCausalLM;
import org.peftrepro.models.sites.ForwardContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "safetensors file to write (never one of the files read: the input, the model's, the adapter's).")
    Path output;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class, paramLabel = "cpu|gpu|gpu:N",
            description = "Where to run (default: ${DEFAULT-VALUE}).")
    Device device;

    @Override
    public Integer call() throws IOException {
        Path folder = ModelLocator.fromEnvironment().checkpointFolder(model);
        AdapterFolder peft = adapter == null ? null : PeftAdapters.read(adapter);
        refuseOutputOverAnInput(folder, peft);
        ConsoleLogging.quietLibtorch();
        try (NDManager manager = NDManager.newBaseManager(device);
                SafetensorsFile inputs = SafetensorsFile.open(input)) {
            // A PEFT folder of a fine-tuned classifier carries its head (modules_to_save): the base model gets a head
            // of that shape, whose values the adapter then sets.
            PretrainedModel loaded = peft == null || peft.headLabels() == null ? PretrainedModel.load(folder, manager)
                    : PretrainedModel.loadClassifier(folder, peft.headLabels(), manager);
            PrintWriter err = spec.commandLine().getErr();
            err.println(model + ": " + loaded.report().summary());
            if (peft != null) {
                PeftAdapters.attach(loaded.model(), peft, manager);
                err.println(adapter + ": " + peft.methodName() + " " + peft.options() + " applied");
            }
            NDArray ids = required(inputs, "input_ids", manager);
            NDArray mask = optional(inputs, "attention_mask", manager);
            NDArray types = optional(inputs, "token_type_ids", manager);
            NDArray labels = optional(inputs, "labels", manager);
            ModelInputs.check(input.toString(), loaded.model(), ids, mask, types, labels);
            ids = ids.toType(DataType.INT64, false);
            Map<String, NDArray> outputs = new LinkedHashMap<>();
            if (loaded.model() instanceof SequenceClassifier classifier) {
                mask = mask != null ? mask.toType(DataType.INT64, false) : ids.onesLike();
                types = types != null ? types.toType(DataType.INT64, false) : null;
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
     * Refuses, before anything is read into memory or written, an output that is one of the files this command
     * reads, however it is spelled (another path, a link, a hard link): the write would replace the input.
     */
    private void refuseOutputOverAnInput(Path folder, AdapterFolder peft) throws IOException {
        if (Files.isDirectory(output)) {
            throw new ParameterException(spec.commandLine(), "--output " + output
                    + " is a directory: name the safetensors file to write");
        }
        if (!Files.exists(output)) {
            return; // a new file cannot be an input
        }
        List<Path> read = new ArrayList<>(List.of(input, folder.resolve("config.json")));
        try (Checkpoint weights = Checkpoint.open(folder)) {
            read.add(weights.source());
            read.addAll(weights.files());
        }
        if (peft != null) {
            read.add(peft.configFile());
            read.add(peft.weightsFile());
        }
        for (Path file : read) {
            if (Files.exists(file) && Files.isSameFile(output, file)) {
                String option = file.equals(input) ? "--input" : file.startsWith(folder) ? "--model" : "--adapter";
                throw new ParameterException(spec.commandLine(), "--output " + output + " would overwrite " + file
                        + ", which this command reads (" + option + "): choose another output file");
            }
        }
    }

    private static NDArray optional(SafetensorsFile inputs, String name, NDManager manager) throws IOException {
        return inputs.contains(name) ? inputs.read(name, manager) : null;
    }

    private static NDArray required(SafetensorsFile inputs, String name, NDManager manager) throws IOException {
        if (!inputs.contains(name)) {
            throw new IllegalArgumentException(inputs.file() + ": no tensor named " + name + " (found: "
                    + String.join(", ", inputs.tensors().keySet()) + ")");
        }
        return inputs.read(name, manager);
    }
}
