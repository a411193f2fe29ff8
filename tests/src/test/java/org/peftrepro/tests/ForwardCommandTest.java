package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.cli.Main;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.models.io.SafetensorsWriter;

/** The forward command, as a researcher runs it on a checkpoint folder and an input file. */
class ForwardCommandTest {
    @TempDir
    Path temp;

    @Test
    void writesTheOutputsHfTransformersComputesInTheFixtureLayout() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        Path output = temp.resolve("out.safetensors");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--model", folder.toString(),
            "--input", folder.resolve("expected.safetensors").toString(), "--output", output.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile ours = SafetensorsFile.open(output);
                SafetensorsFile reference = SafetensorsFile.open(folder.resolve("expected.safetensors"))) {
            assertThat(ours.tensors().keySet()).containsExactlyInAnyOrder("hidden_states.0", "hidden_states.1",
                    "hidden_states.2", "hidden_states.3", "last_hidden_state", "logits", "loss");
            for (String name : ours.tensors().keySet()) {
                Fixtures.assertClose(name, ours.read(name, manager), reference.read(name, manager), 1e-5);
            }
        }
    }

    @Test
    void withAPeftLoraAdapterTheLogitsAreThoseOfPeft() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        Path output = temp.resolve("out.safetensors");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--model", folder.toString(), "--adapter",
            Fixtures.folder("roberta-tiny-lora").toString(), "--input", folder.resolve("expected.safetensors").toString(),
            "--output", output.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile ours = SafetensorsFile.open(output);
                SafetensorsFile peft = SafetensorsFile.open(Fixtures.folder("roberta-tiny-lora").resolve("expected.safetensors"))) {
            Fixtures.assertClose("logits", ours.read("logits", manager), peft.read("logits", manager), 1e-5);
            Fixtures.assertClose("loss", ours.read("loss", manager), peft.read("loss", manager), 1e-5);
        }
    }

    @Test
    void aMissingInputTensorIsAOneLineErrorAndNoOutputIsWritten() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        Path output = temp.resolve("out.safetensors");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--model", folder.toString(),
            "--input", folder.resolve("model.safetensors").toString(), "--output", output.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no tensor named input_ids").doesNotContain("\tat ");
        assertThat(Files.exists(output)).isFalse();
    }

    @Test
    void anOutputThatIsTheInputUnderAnotherNameIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path folder = Fixtures.folder("roberta-tiny");
        Path input = Files.copy(folder.resolve("expected.safetensors"), temp.resolve("in.safetensors"));
        byte[] before = Files.readAllBytes(input);
        Path link = Files.createSymbolicLink(temp.resolve("link.safetensors"), input);
        Path sameFolderOtherSpelling = temp.resolve("sub").resolve("..").resolve("in.safetensors");
        Files.createDirectories(temp.resolve("sub"));

        for (Path output : List.of(input, link, sameFolderOtherSpelling)) {
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"forward", "--model", folder.toString(), "--input", input.toString(),
                "--output", output.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));

            assertThat(code).as(err.toString()).isEqualTo(2);
            assertThat(err.toString()).contains("--output " + output + " would overwrite " + input
                    + ", which this command reads (--input)");
            assertThat(Files.readAllBytes(input)).isEqualTo(before);
            assertThat(Files.isSymbolicLink(link)).isTrue();
        }
    }

    @Test
    void anOutputThatIsTheModelsWeightsIsRefused() throws Exception {
        Path model = Files.createDirectory(temp.resolve("model"));
        for (String file : List.of("config.json", "model.safetensors")) {
            Files.copy(Fixtures.folder("roberta-tiny").resolve(file), model.resolve(file));
        }
        byte[] before = Files.readAllBytes(model.resolve("model.safetensors"));
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--model", model.toString(), "--input",
            Fixtures.folder("roberta-tiny").resolve("expected.safetensors").toString(), "--output",
            model.resolve("model.safetensors").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("which this command reads (--model)");
        assertThat(Files.readAllBytes(model.resolve("model.safetensors"))).isEqualTo(before);
    }

    @Test
    void anIdOutsideTheVocabularyNamesTheTensorAndPositionNotLibtorchsIndexError() throws Exception {
        Path input = temp.resolve("in.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsWriter.write(input, Map.of(
                    "input_ids", manager.create(new long[] {0, 5, 300, 2}).reshape(1, 4),
                    "attention_mask", manager.ones(new Shape(1, 4), DataType.INT64)));
        }
        Path output = temp.resolve("out.safetensors");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--model", Fixtures.folder("roberta-tiny").toString(),
            "--input", input.toString(), "--output", output.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error: " + input + ": input_ids[0, 2] = 300 is outside the vocabulary"
                + " (vocab_size 300): 0 to 299").doesNotContain("index out of range").doesNotContain("\tat ");
        assertThat(Files.exists(output)).isFalse();
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--modle", "x"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("error:").contains("forward --help");
    }
}
