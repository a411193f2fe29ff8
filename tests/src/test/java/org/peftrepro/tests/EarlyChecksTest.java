package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peftrepro.cli.Main;

/**
 * Every option of a table run is checked before any work: a mistake is one line within a second, not an error
 * after minutes of generating smoke data and pretraining the smoke model.
 */
class EarlyChecksTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--epochs 0                          | epochs must be positive, got 0",
        "--lr -1                             | learning rate must be positive",
        "--set nosuch=1                      | none of the selected methods",
        "--methods lora --set lily.r=4       | lily is not among the selected methods",
        "--set lora.r=-3                     | method lora: option r must be a positive integer, got '-3'",
        "--set lora.nosuch=1                 | method lora: no option 'nosuch'",
        "--device gpu:7                      | --device gpu:7: libtorch sees",
        "--backbone-dtype bfloat16           | --backbone-dtype must be float32 or float16",
        "--seeds 99999999999                 | a seed must be from 0 to 2147483647",
        "--data-dir /proc/version            | --data-dir /proc/version: a file, not a folder"})
    void aBadOptionFailsBeforeAnyAssetIsMade(String options, String message) {
        Path out = temp.resolve("out");
        List<String> args = new ArrayList<>(List.of("table1", "--out", out.toString()));
        args.addAll(List.of(options.trim().split("\\s+")));
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains(message);
        assertThat(err.toString().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(out.resolve("assets")).as("no smoke data generated, no model pretrained").doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a-file"})
    void anOutputFolderThatCannotBeWrittenIsRefusedFirst(String name) throws Exception {
        Path file = Files.writeString(temp.resolve(name), "in the way");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"table1", "--out", file.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--out " + file + ": cannot write there");
    }
}
