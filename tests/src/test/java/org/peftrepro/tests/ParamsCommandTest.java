package org.peftrepro.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peftrepro.cli.Main;

/** The counts the papers quote, as a user gets them: params --json on the published configs. */
class ParamsCommandTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "FacebookAI/roberta-base | ft          |                             | 124055040 | 124055040",
        "FacebookAI/roberta-base | lora        | r=8                         | 294912    | 294912",
        "FacebookAI/roberta-base | lor2c       | r=8                         | 147456    | 147456",
        "FacebookAI/roberta-base | share-lor2c | r=8                         | 79872     | 79872",
        "FacebookAI/roberta-base | merge-lor2c | r=8;merges=4                | 147456    | 98304",
        "FacebookAI/roberta-base | lily        | r=32;experts=2              | 198144    | 198144",
        "FacebookAI/roberta-base | lily        | r=32;experts=3              | 297216    | 297216",
        "FacebookAI/roberta-base | lily        | r=32;experts=4              | 396288    | 396288",
        "meta-llama/Llama-2-7b-hf | lora       | r=8;targets=q_proj,v_proj   | 4194304   | 4194304",
        "meta-llama/Llama-2-7b-hf | lor2c      | r=8                         | 2097152   | 2097152",
        "meta-llama/Llama-2-7b-hf | lor2c      | r=64                        | 16777216  | 16777216",
    })
    void trainableParameters(String model, String method, String sets, long trainable, long atEnd) throws Exception {
        List<String> args = new ArrayList<>(List.of("params", "--model", model, "--method", method, "--json"));
        if (sets != null) {
            for (String set : sets.split(";")) {
                args.add("--set");
                args.add(set);
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("trainable").asLong()).isEqualTo(trainable);
        assertThat(json.get("trainableAtEnd").asLong()).isEqualTo(atEnd);
        if (model.contains("roberta")) {
            assertThat(json.get("head").asLong()).isEqualTo(768L * 768 + 768 + 768L * 2 + 2);
        }
    }
}
