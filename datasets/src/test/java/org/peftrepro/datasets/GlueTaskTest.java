package org.peftrepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class GlueTaskTest {

    @Test
    void primaryMetricsAreThoseOfTheLor2cTable() {
        assertThat(GlueTask.COLA.primaryMetric()).isEqualTo(GlueMetric.MATTHEWS);
        assertThat(GlueTask.STSB.primaryMetric()).isEqualTo(GlueMetric.PEARSON);
        assertThat(GlueTask.MRPC.primaryMetric()).isEqualTo(GlueMetric.ACCURACY);
        assertThat(GlueTask.MNLI.primaryMetric()).isEqualTo(GlueMetric.ACCURACY);
        assertThat(GlueTask.MNLI.primaryDevSplit()).isEqualTo("validation_matched");
        for (GlueTask task : List.of(GlueTask.SST2, GlueTask.QQP, GlueTask.QNLI, GlueTask.RTE)) {
            assertThat(task.primaryMetric()).as(task.displayName()).isEqualTo(GlueMetric.ACCURACY);
        }
        assertThat(GlueTask.MRPC.metrics()).containsExactly(GlueMetric.ACCURACY, GlueMetric.F1);
        assertThat(GlueTask.QQP.metrics()).containsExactly(GlueMetric.ACCURACY, GlueMetric.F1);
        assertThat(GlueTask.STSB.metrics()).containsExactly(GlueMetric.PEARSON, GlueMetric.SPEARMAN);
    }

    @Test
    void labelIdsAreThoseOfTheHubDataset() {
        assertThat(GlueTask.MNLI.labelNames()).containsExactly("entailment", "neutral", "contradiction");
        assertThat(GlueTask.QNLI.labelNames()).containsExactly("entailment", "not_entailment");
        assertThat(GlueTask.RTE.labelNames()).containsExactly("entailment", "not_entailment");
        assertThat(GlueTask.COLA.labelNames()).containsExactly("unacceptable", "acceptable");
        assertThat(GlueTask.MRPC.labelId("equivalent")).isEqualTo(1);
        assertThat(GlueTask.STSB.isRegression()).isTrue();
        assertThat(GlueTask.STSB.numLabels()).isEqualTo(1);
        assertThat(GlueTask.MNLI.numLabels()).isEqualTo(3);
        assertThat(GlueTask.SST2.isPair()).isFalse();
        assertThat(GlueTask.QQP.isPair()).isTrue();
    }

    @Test
    void parsesEveryCommonSpelling() {
        assertThat(GlueTask.parse("SST-2")).isEqualTo(GlueTask.SST2);
        assertThat(GlueTask.parse("sst2")).isEqualTo(GlueTask.SST2);
        assertThat(GlueTask.parse("sts-b")).isEqualTo(GlueTask.STSB);
        assertThatThrownBy(() -> GlueTask.parse("wnli")).hasMessageContaining("unknown GLUE task 'wnli'");
    }
}
