package org.peftrepro.baselines.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.peftrepro.hub.io.AtomicFiles;
import org.peftrepro.hub.io.InputFiles;
import org.peftrepro.hub.io.MalformedTextException;
import org.peftrepro.hub.io.StrictJson;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.MethodRegistry;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.io.CheckpointFormatException;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.io.SafetensorsWriter;
import org.peftrepro.models.io.TensorEntry;

/**
 * Reads and writes Hugging Face PEFT adapter folders ({@code adapter_config.json} + {@code
 * adapter_model.safetensors}) of every method that declares a PEFT format (the suite's LoRA and Lily), found
 * through the method registry, so adapters trained here load in PEFT and PEFT's load here.
 *
 * <p>Saved names are {@code base_model.model.<our name>} (see {@link PeftNames}); a trained head is saved under
 * its own names ({@code base_model.model.classifier.dense.weight}), as PEFT saves {@code modules_to_save}.
 */
public final class PeftAdapters {
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";

    private PeftAdapters() {}

    /**
     * The method, options and tensors of a PEFT adapter folder. Nothing is loaded yet.
     *
     * @throws java.nio.file.FileSystemException naming the folder or file that is missing, or is a file where a
     *     folder should be (or the other way round)
     * @throws CheckpointFormatException naming the file at fault: JSON that is not valid, a peft_type or config
     *     field the suite does not reproduce, a damaged safetensors header
     */
    public static AdapterFolder read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw Files.exists(folder)
                    ? new FileSystemException(folder.toString(), null, "is a file, not an adapter folder (a PEFT adapter"
                            + " folder holds " + CONFIG_FILE + " and " + WEIGHTS_FILE + ")")
                    : new NoSuchFileException(folder.toString(), null, "no such adapter folder");
        }
        Path configFile = folder.resolve(CONFIG_FILE);
        Path weightsFile = folder.resolve(WEIGHTS_FILE);
        InputFiles.requireFile(configFile, "a PEFT adapter folder holds " + CONFIG_FILE + " and " + WEIGHTS_FILE);
        InputFiles.requireFile(weightsFile, Files.exists(folder.resolve("adapter_model.bin"))
                ? "the folder has adapter_model.bin, a PyTorch pickle, which is not read: save with safe_serialization=True"
                : null);
        JsonNode config;
        try {
            config = StrictJson.readObject(configFile);
        } catch (MalformedTextException e) {
            throw new CheckpointFormatException(configFile, e.problemWithLocation(), e);
        }
        PeftConfigTranslation.Translated translated = PeftConfigTranslation.fromPeft(config, configFile);
        Map<String, TensorEntry> tensors;
        try (SafetensorsFile weights = SafetensorsFile.open(weightsFile)) {
            tensors = weights.tensors();
        }
        return new AdapterFolder(folder, translated.peftType(), translated.taskType(), translated.methodName(),
                translated.options(), tensors);
    }

    /**
     * Attaches the folder's method to {@code model} with the folder's options, initialises it in {@code manager} and
     * loads the folder's weights into it and into the head ({@link #apply}).
     */
    public static Adaptation attach(Backbone model, AdapterFolder folder, NDManager manager) throws IOException {
        PeftMethod method = MethodRegistry.load().get(folder.methodName());
        Adaptation adaptation = method.attach(model, method.resolve(folder.options()));
        try {
            adaptation.initialize(manager);
            apply(adaptation, model, folder, manager);
        } catch (IOException | RuntimeException e) {
            adaptation.detach();
            throw e;
        }
        return adaptation;
    }

    /**
     * Loads the folder's tensors into an attached (and normally initialised) adaptation and into the model's head,
     * replacing their values. Every parameter of the adaptation must be in the file; the head is loaded when the
     * file holds it. A parameter PEFT saves under several names (Lily's shared A and B) must hold one value under all.
     *
     * @return our names of the parameters loaded, the head's included
     * @throws CheckpointFormatException naming the weights file and the tensor: one that matches no parameter, has
     *     the wrong shape, or disagrees with another copy of a shared parameter; or a parameter with no tensor
     */
    public static List<String> apply(Adaptation adaptation, Backbone model, AdapterFolder folder, NDManager manager)
            throws IOException {
        Map<String, Parameter> methodParameters = savedParameters(adaptation);
        Set<String> head = model.headParameterNames();
        String method = adaptation.options().method();
        Map<Parameter, String> loadedFrom = new IdentityHashMap<>();
        List<String> loaded = new ArrayList<>();
        try (SafetensorsFile weights = SafetensorsFile.open(folder.weightsFile())) {
            for (String tensor : weights.tensors().keySet()) {
                String ours = PeftNames.ours(tensor);
                Parameter parameter = methodParameters.containsKey(ours) ? methodParameters.get(ours)
                        : head.contains(ours) ? model.parameters().get(ours) : null;
                if (parameter == null) {
                    throw new CheckpointFormatException(weights.file(), tensor, "matches no parameter of " + method
                            + " " + adaptation.options().asMap() + " on this model nor of its head (expected names like "
                            + methodParameters.keySet().stream().findFirst().map(PeftNames::saved).orElse("none") + ")");
                }
                Shape stored = weights.entry(tensor).djlShape();
                if (!stored.equals(parameter.getShape())) {
                    throw new CheckpointFormatException(weights.file(), tensor, "has shape " + stored + " but " + ours
                            + " of " + method + " " + adaptation.options().asMap() + " on this model has shape " + parameter.getShape());
                }
                NDArray value = weights.read(tensor, manager, DataType.FLOAT32);
                String earlier = loadedFrom.putIfAbsent(parameter, tensor);
                if (earlier == null) {
                    setValue(parameter, value, manager);
                    loaded.add(ours);
                } else {
                    boolean same = parameter.getArray().contentEquals(value);
                    value.close();
                    if (!same) {
                        throw new CheckpointFormatException(weights.file(), tensor, "differs from " + earlier
                                + ", which holds the same shared parameter of " + method + " " + adaptation.options().asMap()
                                + " (does the config's sharing, e.g. stride_A, match the tensors?)");
                    }
                }
            }
            for (Map.Entry<String, Parameter> e : methodParameters.entrySet()) {
                if (!loadedFrom.containsKey(e.getValue())) {
                    throw new CheckpointFormatException(weights.file(), "holds no tensor " + PeftNames.saved(e.getKey())
                            + " for " + method + " " + adaptation.options().asMap());
                }
            }
        }
        return loaded;
    }

    /**
     * Writes the adaptation and the model's head as a PEFT adapter folder, replacing {@code folder} as a whole: the
     * files appear together or not at all.
     *
     * @throws IllegalArgumentException for a method PEFT folders are not written for, or parameters not yet created
     */
    public static void write(Path folder, Adaptation adaptation, Backbone model) throws IOException {
        String config = PeftConfigTranslation.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(PeftConfigTranslation.toPeft(adaptation.options(), model));
        Map<String, NDArray> tensors = new TreeMap<>();
        savedParameters(adaptation).forEach((name, p) -> tensors.put(PeftNames.saved(name), valueOf(name, p)));
        for (String name : model.headParameterNames()) {
            tensors.put(PeftNames.saved(name), valueOf(name, model.parameters().get(name)));
        }
        AtomicFiles.replaceFolder(folder, CONFIG_FILE, fresh -> {
            SafetensorsWriter.write(fresh.resolve(WEIGHTS_FILE), tensors, Map.of("format", "pt"));
            Files.writeString(fresh.resolve(CONFIG_FILE), config + "\n", StandardCharsets.UTF_8);
        });
    }

    /** Our names (without the PEFT prefix) PEFT saves the adaptation under, each to its parameter. */
    static Map<String, Parameter> savedParameters(Adaptation adaptation) {
        PeftMethod method = MethodRegistry.load().get(adaptation.options().method());
        return PeftConfigTranslation.codecOf(method).savedParameters(adaptation);
    }

    private static NDArray valueOf(String name, Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalArgumentException("parameter " + name + " has no value yet (initialise or load the model first)");
        }
        return parameter.getArray();
    }

    /** Replaces the parameter's array by {@code value}, keeping whether it trains. */
    private static void setValue(Parameter parameter, NDArray value, NDManager manager) {
        parameter.close();
        parameter.setInitializer((m, shape, type) -> value);
        parameter.initialize(manager, DataType.FLOAT32);
    }
}
