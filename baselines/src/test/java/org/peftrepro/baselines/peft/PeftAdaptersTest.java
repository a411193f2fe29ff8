package org.peftrepro.baselines.peft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withPrecision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.baselines.AdapterHoulsby;
import org.peftrepro.baselines.Lora;
import org.peftrepro.methods.TinyRoberta;
import org.peftrepro.methods.lily.Lily;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.models.io.CheckpointFormatException;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.io.SafetensorsWriter;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;
import org.peftrepro.models.sites.ForwardContext;

class PeftAdaptersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "roberta.encoder.layer.%d.attention.self.query";

    @TempDir
    Path temp;

    private static Adaptation attach(PeftMethod method, RobertaForSequenceClassification model, Map<String, String> options,
            NDManager manager) {
        Adaptation adaptation = method.attach(model, method.resolve(options));
        adaptation.initialize(manager);
        // Every B starts at zero; random values make the update, and so the round trip, visible in the logits.
        adaptation.trainable().asMap().forEach((name, p) -> {
            if (name.contains("lora_B") || name.contains("lily_B")) {
                TinyRoberta.randomize(p, manager, 0.3);
            }
        });
        return adaptation;
    }

    private static float[] logits(RobertaForSequenceClassification model, NDManager manager) {
        NDArray ids = TinyRoberta.inputIds(manager);
        NDArray mask = TinyRoberta.attentionMask(ids);
        return model.forward(ids, mask, null, null, ForwardContext.inference(mask)).logits().toFloatArray();
    }

    /** Writes the adaptation, detaches it, redraws the head, then attaches the folder: the logits come back. */
    private Adaptation roundTrip(PeftMethod method, Map<String, String> options, Path folder, NDManager manager) throws IOException {
        RobertaForSequenceClassification model = TinyRoberta.build(manager, 21);
        Adaptation original = attach(method, model, options, manager);
        float[] before = logits(model, manager);
        PeftAdapters.write(folder, original, model);
        original.detach();
        for (String head : model.headParameterNames()) {
            TinyRoberta.randomize(model.parameters().get(head), manager, 0.2);
        }
        assertThat(logits(model, manager)).as("logits without the adapter and with another head").isNotEqualTo(before);

        AdapterFolder read = PeftAdapters.read(folder);
        assertThat(read.methodName()).isEqualTo(method.name());
        Adaptation loaded = PeftAdapters.attach(model, read, manager);
        assertThat(logits(model, manager)).containsExactly(before, withPrecision(1e-6f));
        return loaded;
    }

    @Test
    void aLoraFolderRoundTripsToTheSameLogits() throws IOException {
        Path folder = temp.resolve("lora");
        try (NDManager manager = NDManager.newBaseManager()) {
            Adaptation loaded = roundTrip(new Lora(), Map.of("r", "4", "alpha", "16", "dropout", "0.1"), folder, manager);
            assertThat(loaded.options().asMap()).containsEntry("r", "4").containsEntry("alpha", "16").containsEntry("dropout", "0.1");
        }
        JsonNode config = JSON.readTree(folder.resolve(PeftAdapters.CONFIG_FILE).toFile());
        assertThat(config.get("peft_type").asText()).isEqualTo("LORA");
        assertThat(config.get("r").asInt()).isEqualTo(4);
        assertThat(config.get("lora_alpha").asInt()).isEqualTo(16);
        assertThat(config.get("lora_dropout").asDouble()).isEqualTo(0.1);
        assertThat(config.get("task_type").asText()).isEqualTo("SEQ_CLS");
        assertThat(config.get("target_modules")).extracting(JsonNode::asText).containsExactly("query", "value");
        assertThat(config.get("modules_to_save")).extracting(JsonNode::asText).containsExactly("classifier");
        try (SafetensorsFile weights = SafetensorsFile.open(folder.resolve(PeftAdapters.WEIGHTS_FILE))) {
            // 3 layers x 2 targets x (A, B) + the head's 4 tensors.
            assertThat(weights.tensors()).hasSize(16).containsKeys(
                    "base_model.model." + QUERY.formatted(2) + ".lora_A.weight",
                    "base_model.model.roberta.encoder.layer.0.attention.self.value.lora_B.weight",
                    "base_model.model.classifier.out_proj.bias");
            assertThat(weights.metadata()).containsEntry("format", "pt");
        }
    }

    @Test
    void aLilyFolderRoundTripsWithSharedTensorsUnderEveryLayerAsPeftSavesThem() throws IOException {
        Path folder = temp.resolve("lily");
        try (NDManager manager = NDManager.newBaseManager()) {
            Adaptation loaded = roundTrip(new Lily(), Map.of("r", "4", "experts", "3", "stride", "2", "scaling", "0.5",
                    "routing", "sequence", "dropout", "0.2"), folder, manager);
            assertThat(loaded.options().asMap()).containsEntry("experts", "3").containsEntry("stride", "2")
                    .containsEntry("routing", "sequence").containsEntry("dropout", "0.2");
        }
        JsonNode config = JSON.readTree(folder.resolve(PeftAdapters.CONFIG_FILE).toFile());
        assertThat(config.get("peft_type").asText()).isEqualTo("LILY");
        assertThat(config.get("num_B").asInt()).isEqualTo(3);
        assertThat(config.get("stride_A").asInt()).isEqualTo(2);
        assertThat(config.get("scaling").asDouble()).isEqualTo(0.5);
        assertThat(config.get("routing").asText()).isEqualTo("sequence");
        assertThat(config.get("lily_dropout").asDouble()).isEqualTo(0.2);
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile weights = SafetensorsFile.open(folder.resolve(PeftAdapters.WEIGHTS_FILE))) {
            // 3 layers x 2 targets x (A, B, router) + the head.
            assertThat(weights.tensors()).hasSize(22);
            String a = "base_model.model." + QUERY + ".lily_A.weight";
            String b = "base_model.model." + QUERY + ".lily_B.weight";
            // stride 2 on 3 layers: layers 0 and 1 share layer 0's A, layer 2 has its own.
            assertThat(weights.read(a.formatted(1), manager).contentEquals(weights.read(a.formatted(0), manager))).isTrue();
            assertThat(weights.read(a.formatted(2), manager).contentEquals(weights.read(a.formatted(0), manager))).isFalse();
            assertThat(weights.read(b.formatted(2), manager).contentEquals(weights.read(b.formatted(0), manager))).isTrue();
        }
    }

    @Test
    void peftsOwnConfigsMapToOurMethodsAndOptions() throws IOException {
        PeftConfigTranslation.Translated lora = translate("/peft-configs/lora/adapter_config.json");
        assertThat(lora.methodName()).isEqualTo("lora");
        assertThat(lora.taskType()).isEqualTo("SEQ_CLS");
        assertThat(lora.options()).containsExactly(Map.entry("r", "4"), Map.entry("alpha", "8"), Map.entry("dropout", "0.0"),
                Map.entry("targets", "value,query"));

        PeftConfigTranslation.Translated lily = translate("/peft-configs/lily/adapter_config.json");
        assertThat(lily.methodName()).isEqualTo("lily");
        assertThat(lily.options()).containsExactly(Map.entry("r", "8"), Map.entry("experts", "2"), Map.entry("stride", "1"),
                Map.entry("scaling", "0.5"), Map.entry("targets", "query,value"), Map.entry("routing", "batch-mean"),
                Map.entry("dropout", "0.0"));
    }

    private static PeftConfigTranslation.Translated translate(String resource) throws IOException {
        try (var in = PeftAdaptersTest.class.getResourceAsStream(resource)) {
            return PeftConfigTranslation.fromPeft(JSON.readTree(in), Path.of(resource));
        }
    }

    /** A written LoRA folder whose config or weights a test then spoils. */
    private Path loraFolder(NDManager manager) throws IOException {
        Path folder = temp.resolve("adapter");
        RobertaForSequenceClassification model = TinyRoberta.build(manager, 2);
        PeftAdapters.write(folder, attach(new Lora(), model, Map.of("r", "2"), manager), model);
        return folder;
    }

    private static void editConfig(Path folder, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path file = folder.resolve(PeftAdapters.CONFIG_FILE);
        ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(config);
        Files.writeString(file, JSON.writeValueAsString(config));
    }

    private static void editWeights(Path folder, NDManager manager, java.util.function.Consumer<Map<String, NDArray>> edit)
            throws IOException {
        Path file = folder.resolve(PeftAdapters.WEIGHTS_FILE);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (SafetensorsFile weights = SafetensorsFile.open(file)) {
            for (String name : weights.tensors().keySet()) {
                tensors.put(name, weights.read(name, manager));
            }
        }
        edit.accept(tensors);
        SafetensorsWriter.write(file, tensors);
    }

    @Test
    void anUnknownPeftTypeIsAnErrorNamingTheConfigFile() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            editConfig(folder, c -> c.put("peft_type", "IA3"));
            assertThatThrownBy(() -> PeftAdapters.read(folder)).isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(folder.resolve(PeftAdapters.CONFIG_FILE).toString())
                    .hasMessageContaining("peft_type IA3").hasMessageContaining("LORA, LILY");
        }
    }

    @Test
    void aConfigWithContentAfterItsObjectIsAnErrorNamingTheFileAndLine() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            Path config = folder.resolve(PeftAdapters.CONFIG_FILE);
            Files.writeString(config, Files.readString(config) + "\n{\"r\": 64}\n");
            int lines = Files.readAllLines(config).size();

            assertThatThrownBy(() -> PeftAdapters.read(folder)).isInstanceOf(CheckpointFormatException.class)
                    .hasMessageStartingWith(config + ": not valid JSON (line " + lines + ", column 1): more content after");
        }
    }

    @Test
    void anIntegerTooLargeForAnIntSaysSo() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            editConfig(folder, c -> c.put("r", 3_000_000_000L));

            assertThatThrownBy(() -> PeftAdapters.read(folder))
                    .hasMessageEndingWith("field r is 3000000000, too large: at most 2147483647 (a 32-bit integer)");
        }
    }

    @Test
    void aDirectoryWhereAFileBelongsOrAFileWhereTheFolderBelongsIsNotCalledMissing() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            Path weights = folder.resolve(PeftAdapters.WEIGHTS_FILE);
            Files.delete(weights);
            Files.createDirectory(weights);

            assertThatThrownBy(() -> PeftAdapters.read(folder)).hasMessage(weights + ": is a directory, not a file");
            assertThatThrownBy(() -> PeftAdapters.read(folder.resolve(PeftAdapters.CONFIG_FILE)))
                    .hasMessageStartingWith(folder.resolve(PeftAdapters.CONFIG_FILE) + ": is a file, not an adapter folder");
        }
    }

    @Test
    void settingsWhoseMathIsNotReproducedAreRefusedByField() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            editConfig(folder, c -> c.put("use_dora", true));
            assertThatThrownBy(() -> PeftAdapters.read(folder)).hasMessageContaining(PeftAdapters.CONFIG_FILE)
                    .hasMessageContaining("use_dora");
            editConfig(folder, c -> {
                c.put("use_dora", false);
                c.put("target_modules", ".*query");
            });
            assertThatThrownBy(() -> PeftAdapters.read(folder)).hasMessageContaining("target_modules")
                    .hasMessageContaining("regular expression");
            editConfig(folder, c -> {
                c.putArray("target_modules").add("query");
                c.put("init_lora_weights", "pissa_niter_4");
            });
            assertThatThrownBy(() -> PeftAdapters.read(folder)).hasMessageContaining("init_lora_weights")
                    .hasMessageContaining("rewrites the base weights");
            editConfig(folder, c -> {
                c.put("init_lora_weights", true);
                c.put("r", "four");
            });
            assertThatThrownBy(() -> PeftAdapters.read(folder)).hasMessageContaining("field r must be an integer");
        }
    }

    @Test
    void aTensorThatMatchesNothingIsAnErrorNamingTheFileAndTensor() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            editWeights(folder, manager, t -> t.put("base_model.model.roberta.encoder.layer.0.attention.self.key.lora_A.weight",
                    manager.zeros(new ai.djl.ndarray.types.Shape(2, 32))));
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 2);
            assertThatThrownBy(() -> PeftAdapters.attach(model, PeftAdapters.read(folder), manager))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(folder.resolve(PeftAdapters.WEIGHTS_FILE).toString())
                    .hasMessageContaining("attention.self.key.lora_A.weight").hasMessageContaining("matches no parameter");
            assertThat(model.sites().linears()).as("a failed attach leaves no delta behind").allMatch(s -> s.deltas().isEmpty());
        }
    }

    @Test
    void aMissingTensorIsAnErrorNamingIt() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path folder = loraFolder(manager);
            String missing = "base_model.model." + QUERY.formatted(1) + ".lora_B.weight";
            editWeights(folder, manager, t -> t.remove(missing));
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 2);
            assertThatThrownBy(() -> PeftAdapters.attach(model, PeftAdapters.read(folder), manager))
                    .hasMessageContaining(PeftAdapters.WEIGHTS_FILE).hasMessageContaining("holds no tensor " + missing);
        }
    }

    @Test
    void copiesOfASharedParameterThatDisagreeAreAnError() throws IOException {
        Path folder = temp.resolve("lily");
        try (NDManager manager = NDManager.newBaseManager()) {
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 2);
            PeftAdapters.write(folder, attach(new Lily(), model, Map.of("r", "2", "stride", "1"), manager), model);
            String laterCopy = "base_model.model." + QUERY.formatted(2) + ".lily_B.weight";
            editWeights(folder, manager, t -> t.put(laterCopy, t.get(laterCopy).add(1f)));
            RobertaForSequenceClassification fresh = TinyRoberta.build(manager, 2);
            assertThatThrownBy(() -> PeftAdapters.attach(fresh, PeftAdapters.read(folder), manager))
                    .hasMessageContaining(laterCopy).hasMessageContaining("same shared parameter");
        }
    }

    @Test
    void writingReplacesAnAdapterFolderButNothingElseAndLeavesNothingHalfWritten() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RobertaForSequenceClassification model = TinyRoberta.build(manager, 2);
            Path folder = loraFolder(manager); // an adapter folder: replaced
            Adaptation lily = attach(new Lily(), model, Map.of("r", "2"), manager);
            PeftAdapters.write(folder, lily, model);
            assertThat(PeftAdapters.read(folder).methodName()).isEqualTo("lily");
            lily.detach();

            Path unrelated = Files.createDirectories(temp.resolve("results"));
            Files.writeString(unrelated.resolve("notes.txt"), "keep me");
            Adaptation lora = attach(new Lora(), model, Map.of(), manager);
            assertThatThrownBy(() -> PeftAdapters.write(unrelated, lora, model)).hasMessageContaining("not replaced");
            assertThat(unrelated.resolve("notes.txt")).hasContent("keep me");
            lora.detach();

            Path target = temp.resolve("houlsby");
            Adaptation houlsby = attach(new AdapterHoulsby(), model, Map.of(), manager);
            assertThatThrownBy(() -> PeftAdapters.write(target, houlsby, model))
                    .hasMessageContaining("adapter-houlsby has no PEFT adapter format");
            assertThat(target).doesNotExist();
            try (Stream<Path> left = Files.list(temp)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no temporary folders left")
                        .containsExactlyInAnyOrder("adapter", "results");
            }
        }
    }

    @Test
    void namesConvertBetweenPeftsFormsAndOurs() {
        assertThat(PeftNames.ours("base_model.model.roberta.encoder.layer.0.attention.self.query.lora_A.default.weight"))
                .isEqualTo("roberta.encoder.layer.0.attention.self.query.lora_A.weight");
        assertThat(PeftNames.ours("base_model.model.roberta.encoder.layer.0.attention.self.query.lily_router.weight"))
                .isEqualTo("roberta.encoder.layer.0.attention.self.query.lily_router.weight");
        assertThat(PeftNames.ours("base_model.model.classifier.modules_to_save.default.out_proj.bias"))
                .isEqualTo("classifier.out_proj.bias");
        assertThat(PeftNames.saved("classifier.dense.weight")).isEqualTo("base_model.model.classifier.dense.weight");
        assertThat(List.of(PeftNames.ours(PeftNames.saved("model.layers.1.self_attn.v_proj.lora_B.weight"))))
                .containsExactly("model.layers.1.self_attn.v_proj.lora_B.weight");
    }
}
