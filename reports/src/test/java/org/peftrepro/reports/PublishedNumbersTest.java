package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishedNumbersTest {

    private static final PublishedNumbers BUNDLED = PublishedNumbers.bundled();

    @Test
    void loraPaperTable2RowsForFullFineTuningAndLora() {
        assertThat(values("table1", "ft", "Hu et al. 2021 (LoRA), Table 2"))
                .containsExactly(87.6, 94.8, 90.2, 63.6, 92.8, 91.9, 78.7, 91.2);
        assertThat(values("table1", "lora", "Hu et al. 2021 (LoRA), Table 2"))
                .containsExactly(87.5, 95.1, 89.7, 63.4, 93.3, 90.8, 86.6, 91.5);
        assertThat(BUNDLED.bySource("table1", "ft").get("Hu et al. 2021 (LoRA), Table 2"))
                .allSatisfy(
                        n -> {
                            assertThat(n.params()).contains("125.0M");
                            assertThat(n.secondHand()).isFalse();
                            assertThat(n.paper()).isEqualTo("LoRA");
                        });
    }

    @Test
    void lilyPaperRowsAreSecondHandAndLackMnliAndQqp() {
        String source = "Lily paper, GLUE with RoBERTa-base";
        assertThat(values("table1", "lora", source))
                .containsExactly(94.8, 89.8, 63.3, 92.9, 78.2, 91.5);
        assertThat(values("table1", "adalora", source))
                .containsExactly(94.5, 88.7, 62.0, 93.1, 81.0, 90.5);
        assertThat(values("table1", "lily", source))
                .containsExactly(95.0, 90.2, 66.0, 92.5, 81.6, 90.8);
        for (String method : List.of("lora", "adalora", "lily")) {
            List<PublishedNumber> numbers = BUNDLED.bySource("table1", method).get(source);
            assertThat(numbers)
                    .extracting(PublishedNumber::task)
                    .containsExactly(
                            GlueTask.SST2,
                            GlueTask.MRPC,
                            GlueTask.COLA,
                            GlueTask.QNLI,
                            GlueTask.RTE,
                            GlueTask.STSB);
            assertThat(numbers)
                    .allSatisfy(
                            n -> {
                                assertThat(n.secondHand()).isTrue();
                                assertThat(n.params()).contains("0.3M");
                            });
        }
    }

    @Test
    void lor2cTableOneHasPlacesButNoNumbers() {
        for (String method :
                List.of("lor2c", "share-lor2c", "merge-lor2c", "inject-lor2c", "im-lor2c")) {
            Map<String, List<PublishedNumber>> sources = BUNDLED.bySource("table1", method);
            assertThat(sources).containsOnlyKeys("LoR2C paper, Table I");
            assertThat(sources.get("LoR2C paper, Table I"))
                    .hasSize(8)
                    .allSatisfy(
                            n -> {
                                assertThat(n.value()).isEmpty();
                                assertThat(n.params()).isEmpty();
                            });
        }
    }

    @Test
    void badRowsAreReportedWithFileRowAndField() {
        String header = "paper,table,method,task,metric,value,params,source,second_hand\n";
        String good = "P,table1,lora,rte,accuracy,70.1,0.3M,Somewhere,false\n";

        assertThatThrownBy(
                        () ->
                                read(
                                        header
                                                + good
                                                + "P,table1,lora,boolq,accuracy,70.1,0.3M,Somewhere,false\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbers.csv data row 2")
                .hasMessageContaining("task 'boolq'");
        assertThatThrownBy(
                        () -> read(header + "P,table1,,rte,accuracy,70.1,0.3M,Somewhere,false\n"))
                .hasMessageContaining("data row 1")
                .hasMessageContaining("field method is empty");
        assertThatThrownBy(
                        () ->
                                read(
                                        "paper,table,method,task,metric,value,params,source,secondhand\n"
                                                + good))
                .hasMessageContaining("numbers.csv: header");
    }

    @Test
    void commentsAndEmptyValuesAreAllowed() {
        PublishedNumbers numbers =
                read(
                        "# a comment\npaper,table,method,task,metric,value,params,source,second_hand\n"
                                + "# another\nP,table1,lora,rte,accuracy,,,Somewhere,true\n");

        assertThat(numbers.all())
                .singleElement()
                .satisfies(
                        n -> {
                            assertThat(n.value()).isEmpty();
                            assertThat(n.params()).isEmpty();
                            assertThat(n.secondHand()).isTrue();
                            assertThat(n.task()).isEqualTo(GlueTask.RTE);
                        });
    }

    private static PublishedNumbers read(String csv) {
        return PublishedNumbers.read(new StringReader(csv), "numbers.csv");
    }

    private static List<Double> values(String table, String method, String source) {
        return BUNDLED.bySource(table, method).get(source).stream()
                .map(PublishedNumber::value)
                .flatMap(Optional::stream)
                .toList();
    }
}
