package org.peftrepro.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peftrepro.models.io.RawSafetensors.concat;
import static org.peftrepro.models.io.RawSafetensors.entry;
import static org.peftrepro.models.io.RawSafetensors.f32;
import static org.peftrepro.models.io.RawSafetensors.i64;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening checkpoints the way Hugging Face lays them out: single file, sharded with an index, adapters. */
class CheckpointTest {

    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path folder;

    @BeforeEach
    void writeTwoShards() throws IOException {
        RawSafetensors.write(folder.resolve(SHARD_1),
                "{" + entry("a.bias", "F32", "[1]", 0, 4) + "," + entry("a.weight", "F32", "[2]", 4, 12) + "}",
                concat(f32(0.5f), f32(1f, 2f)));
        RawSafetensors.write(folder.resolve(SHARD_2),
                "{\"__metadata__\":{\"format\":\"pt\"}," + entry("b.weight", "I64", "[2,1]", 0, 16) + "}",
                i64(3, 4));
    }

    private Path writeIndex(String weightMap) throws IOException {
        Path index = folder.resolve(Checkpoint.INDEX_FILE_NAME);
        Files.writeString(index, "{\"metadata\": {\"total_size\": 28}, \"weight_map\": {" + weightMap + "}}");
        return index;
    }

    private Path writeCompleteIndex() throws IOException {
        return writeIndex("\"a.bias\": \"" + SHARD_1 + "\", \"a.weight\": \"" + SHARD_1 + "\", \"b.weight\": \""
                + SHARD_2 + "\"");
    }

    @Test
    void opensAShardedFolderThroughItsIndex() throws Exception {
        Path index = writeCompleteIndex();
        try (Checkpoint checkpoint = Checkpoint.open(folder); NDManager manager = NDManager.newBaseManager()) {
            assertThat(checkpoint.source()).isEqualTo(index);
            assertThat(checkpoint.names()).containsExactly("a.bias", "a.weight", "b.weight");
            assertThat(checkpoint.files()).extracting(path -> path.getFileName().toString())
                    .containsExactly(SHARD_1, SHARD_2);
            assertThat(checkpoint.metadata()).containsExactly(Map.entry("total_size", "28"));

            assertThat(checkpoint.readFloats("a.weight")).containsExactly(1f, 2f);
            assertThat(checkpoint.readFloats("a.bias")).containsExactly(0.5f);
            assertThat(checkpoint.readLongs("b.weight")).containsExactly(3, 4);
            assertThat(checkpoint.entry("b.weight").shape()).containsExactly(2, 1);
            assertThat(checkpoint.fileFor("b.weight").getFileName().toString()).isEqualTo(SHARD_2);
            try (NDArray weight = checkpoint.read("b.weight", manager);
                    NDArray asFloat = checkpoint.read("b.weight", manager, DataType.FLOAT32)) {
                assertThat(weight.toLongArray()).containsExactly(3L, 4L);
                assertThat(asFloat.toFloatArray()).containsExactly(3f, 4f);
            }
        }
    }

    @Test
    void opensTheIndexFileWhenGivenDirectly() throws Exception {
        Path index = writeCompleteIndex();
        try (Checkpoint checkpoint = Checkpoint.open(index)) {
            assertThat(checkpoint.names()).containsExactly("a.bias", "a.weight", "b.weight");
        }
        try (Checkpoint checkpoint = Checkpoint.open(folder, Checkpoint.INDEX_FILE_NAME)) {
            assertThat(checkpoint.readLongs("b.weight")).containsExactly(3, 4);
        }
    }

    @Test
    void shardTensorsTheIndexOmitsAreNotOffered() throws Exception {
        writeIndex("\"a.weight\": \"" + SHARD_1 + "\"");
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            assertThat(checkpoint.names()).containsExactly("a.weight");
            assertThat(checkpoint.contains("a.bias")).isFalse();
            assertThat(checkpoint.files()).hasSize(1);
        }
    }

    @Test
    void aSingleModelFileIsPreferredToAnIndex() throws Exception {
        writeCompleteIndex();
        RawSafetensors.write(folder.resolve(Checkpoint.SINGLE_FILE_NAME),
                "{\"__metadata__\":{\"format\":\"pt\"}," + entry("w", "F32", "[1]", 0, 4) + "}", f32(9f));
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            assertThat(checkpoint.source()).isEqualTo(folder.resolve(Checkpoint.SINGLE_FILE_NAME));
            assertThat(checkpoint.names()).containsExactly("w");
            assertThat(checkpoint.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(checkpoint.readFloats("w")).containsExactly(9f);
        }
    }

    @Test
    void anAdapterFileIsOpenedByName() throws Exception {
        Path adapterFolder = Files.createDirectory(folder.resolve("adapter"));
        RawSafetensors.write(adapterFolder.resolve("adapter_model.safetensors"),
                "{" + entry("lora_A", "F32", "[1,2]", 0, 8) + "}", f32(0.25f, -0.25f));

        try (Checkpoint checkpoint = Checkpoint.open(adapterFolder, "adapter_model.safetensors")) {
            assertThat(checkpoint.names()).containsExactly("lora_A");
            assertThat(checkpoint.readFloats("lora_A")).containsExactly(0.25f, -0.25f);
        }
        assertThatThrownBy(() -> Checkpoint.open(adapterFolder))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(adapterFolder.toString())
                .hasMessageContaining(Checkpoint.SINGLE_FILE_NAME)
                .hasMessageContaining(Checkpoint.INDEX_FILE_NAME)
                .hasMessageContaining("pass the file name");
        assertThatThrownBy(() -> Checkpoint.open(adapterFolder, "adapter_model.bin"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("adapter_model.bin");
    }

    @Test
    void indexNamingAMissingShard() throws Exception {
        Path index = writeIndex("\"a.weight\": \"" + SHARD_1 + "\", \"c.weight\": \"model-00003-of-00003.safetensors\"");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(index.toString())
                .hasMessageContaining("tensor 'c.weight'")
                .hasMessageContaining("model-00003-of-00003.safetensors")
                .hasMessageContaining("does not exist");
    }

    @Test
    void indexPlacingATensorInAShardThatLacksIt() throws Exception {
        Path index = writeIndex("\"a.weight\": \"" + SHARD_1 + "\", \"b.weight\": \"" + SHARD_1 + "\"");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(index.toString())
                .hasMessageContaining("tensor 'b.weight'")
                .hasMessageContaining(SHARD_1)
                .hasMessageContaining("has no tensor of that name");
    }

    @Test
    void aMalformedShardIsNamed() throws Exception {
        writeCompleteIndex();
        Path shard = folder.resolve(SHARD_2);
        Files.write(shard, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(SHARD_2)
                .hasMessageContaining("too short");
    }

    @Test
    void malformedIndexes() throws Exception {
        Path index = folder.resolve(Checkpoint.INDEX_FILE_NAME);
        Files.writeString(index, "{\"metadata\": {}}");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(index.toString())
                .hasMessageContaining("no 'weight_map' field");

        Files.writeString(index, "{\"weight_map\": {\"a.weight\": 7}}");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("tensor 'a.weight'")
                .hasMessageContaining("must give a shard file name");

        Files.writeString(index, "{\"weight_map\": {\"a.weight\": \"../elsewhere.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("tensor 'a.weight'")
                .hasMessageContaining("outside the checkpoint folder");

        Files.writeString(index, "{\"weight_map\": ");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(index.toString())
                .hasMessageContaining("index is not valid JSON");

        Files.writeString(index, "{\"weight_map\": {\"a.weight\": \"model-00001-of-00002.safetensors\"}}\n{}");
        assertThatThrownBy(() -> Checkpoint.open(folder))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(index + ": index is not valid JSON (line 2, column 1): more content after the end");

        Files.delete(index);
        Files.createDirectory(index);
        assertThatThrownBy(() -> Checkpoint.open(folder)).hasMessage(index + ": is a directory, not a file");
    }

    @Test
    void unknownNamesAndMissingPaths() throws Exception {
        Path index = writeCompleteIndex();
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            assertThatThrownBy(() -> checkpoint.readFloats("c.weight"))
                    .isInstanceOf(MissingTensorException.class)
                    .hasMessageContaining(index.toString())
                    .hasMessageContaining("tensor 'c.weight'");
        }
        assertThatThrownBy(() -> Checkpoint.open(folder.resolve("nowhere")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void closingReleasesEveryShard() throws Exception {
        writeCompleteIndex();
        Checkpoint checkpoint = Checkpoint.open(folder);
        checkpoint.close();
        assertThatThrownBy(() -> checkpoint.readFloats("a.bias")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> checkpoint.readLongs("b.weight")).isInstanceOf(IOException.class);
    }
}
