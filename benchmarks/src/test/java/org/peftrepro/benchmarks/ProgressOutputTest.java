package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressOutputTest {

    @Test
    void scoresReadWellAtEveryScale() {
        assertThat(ProgressOutput.score(2.4376)).isEqualTo("2.438");
        assertThat(ProgressOutput.score(650.31)).isEqualTo("650.3");
        assertThat(ProgressOutput.score(88057.78)).isEqualTo("88,058");
    }
}
