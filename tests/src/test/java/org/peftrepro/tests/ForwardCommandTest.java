package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peftrepro.models.io.SafetensorsFile;
import org.peftrepro.cli.Main;

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
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"forward", "--modle", "x"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("error:").contains("forward --help");
    }
}
