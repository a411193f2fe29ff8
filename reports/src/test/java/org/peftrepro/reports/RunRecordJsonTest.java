package org.peftrepro.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Run records are read as strictly as every other JSON file the suite reads. */
class RunRecordJsonTest {
    @Test
    void aRecordRoundTrips() throws InvalidRunRecordException {
        RunRecord record = TestRecords.ok("lora", "rte", 42, 0.75).build();

        assertThat(RunRecordJson.fromJson(RunRecordJson.toJson(record), "r.json")).isEqualTo(record);
    }

    @Test
    void aSecondRecordPastedAfterTheFirstIsAnErrorNotIgnored() {
        String json = RunRecordJson.toJson(TestRecords.ok("lora", "rte", 42, 0.75).build());
        long lines = json.lines().count();

        assertThatThrownBy(() -> RunRecordJson.fromJson(json + "\n" + json, "runs/r.json"))
                .isInstanceOf(InvalidRunRecordException.class)
                .hasMessageStartingWith("runs/r.json: not valid JSON (line " + (lines + 1) + ", column 1): more content");
    }

    @Test
    void aFieldGivenTwiceIsAnError() {
        assertThatThrownBy(() -> RunRecordJson.fromJson(
                "{\"schema\": 1, \"runId\": \"a\",\n \"runId\": \"b\", \"status\": \"ok\"}", "runs/r.json"))
                .hasMessageStartingWith("runs/r.json: not valid JSON (line 2, ")
                .hasMessageContaining("Duplicate field 'runId'");
    }
}
