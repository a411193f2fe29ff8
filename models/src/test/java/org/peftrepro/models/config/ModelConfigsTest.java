package org.peftrepro.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json into typed configs; every problem names the file and the field. */
class ModelConfigsTest {
    private static final String ROBERTA = """
            {"model_type": "roberta", "vocab_size": 300, "hidden_size": 32, "num_hidden_layers": 3,
             "num_attention_heads": 4, "intermediate_size": 64, "max_position_embeddings": 40,
             "id2label": {"0": "neg", "1": "pos"}}""";

    @Test
    void readsARobertaConfigWithHfDefaults() {
        RobertaConfig c = (RobertaConfig) ModelConfigs.parse(ROBERTA, "config.json");
        assertThat(c.headDim()).isEqualTo(8);
        assertThat(c.numLabels()).isEqualTo(2);
        assertThat(c.id2label()).containsExactly("neg", "pos");
        assertThat(c.padTokenId()).isEqualTo(1);
        assertThat(c.layerNormEps()).isEqualTo(1e-5);
        assertThat(c.effectiveClassifierDropout()).isEqualTo(0.1);
        assertThat(c.withNumLabels(1).numLabels()).isEqualTo(1);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("\"vocab_size\": 300,", ""), "m/config.json"))
                .isInstanceOf(ConfigException.class).hasMessage("m/config.json: field \"vocab_size\" is missing");
    }

    @Test
    void contradictoryFieldsAreNamed() {
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 5"), "c.json"))
                .hasMessageContaining("hidden_size 32 is not divisible by num_attention_heads 5");
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("}}", "}, \"num_labels\": 3}"), "c.json"))
                .hasMessageContaining("num_labels 3 contradicts id2label with 2 entries");
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("\"max_position_embeddings\": 40", "\"max_position_embeddings\": 2"), "c.json"))
                .hasMessageContaining("padding_idx 1");
    }

    @Test
    void wrongTypesAndUnknownFamiliesAreErrors() {
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("\"hidden_size\": 32", "\"hidden_size\": \"32\""), "c.json"))
                .hasMessageContaining("field \"hidden_size\" must be an integer");
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("roberta", "gpt2"), "c.json"))
                .hasMessageContaining("\"gpt2\"");
        assertThatThrownBy(() -> ModelConfigs.parse("{\"model_type\": \"roberta\",\n \"hidden_size\": }", "c.json"))
                .hasMessageContaining("c.json: not valid JSON (line 2");
    }

    @Test
    void aSecondObjectAfterTheConfigIsAnErrorNotIgnored() {
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA + "\n{\"hidden_size\": 64}", "m/config.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m/config.json: not valid JSON (line 4, column 1): more content after the end of the JSON value");
    }

    @Test
    void anIntegerTooLargeForAnIntSaysSo() {
        assertThatThrownBy(() -> ModelConfigs.parse(ROBERTA.replace("\"hidden_size\": 32", "\"hidden_size\": 3000000000"), "c.json"))
                .hasMessage("c.json: field \"hidden_size\" is 3000000000, too large: at most 2147483647 (a 32-bit integer)");
    }

    @Test
    void aConfigJsonThatIsADirectoryIsNotCalledMissing(@TempDir Path model) throws IOException {
        Files.createDirectory(model.resolve("config.json"));

        assertThatThrownBy(() -> ModelConfigs.read(model)).isInstanceOf(ConfigException.class)
                .hasMessage(model.resolve("config.json") + ": is a directory, not a file (a model folder needs a config.json)");
        assertThatThrownBy(() -> ModelConfigs.read(model.resolve("absent")))
                .hasMessage(model.resolve("absent") + ": no such file (a model folder needs a config.json)");
    }

    @Test
    void readsLlamaWithGroupedQueryAttention() {
        LlamaConfig c = (LlamaConfig) ModelConfigs.parse("""
                {"model_type": "llama", "vocab_size": 300, "hidden_size": 48, "intermediate_size": 96,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2}""", "c.json");
        assertThat(c.headDim()).isEqualTo(12);
        assertThat(c.numKeyValueHeads()).isEqualTo(2);
        assertThat(c.ropeTheta()).isEqualTo(10000.0);
        assertThatThrownBy(() -> ModelConfigs.parse("""
                {"model_type": "llama", "vocab_size": 300, "hidden_size": 48, "intermediate_size": 96,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 3}""", "c.json"))
                .hasMessageContaining("not a multiple of num_key_value_heads 3");
    }
}
