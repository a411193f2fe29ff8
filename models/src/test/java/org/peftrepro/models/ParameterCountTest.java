package org.peftrepro.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.RobertaConfig;
import org.junit.jupiter.api.Test;

/** The backbone sizes everyone quotes, counted from the published config.json alone (nothing allocated). */
class ParameterCountTest {

    @Test
    void robertaBaseHas124_645_632ParametersWithItsPoolerAnd124_055_040Without() {
        RobertaConfig config = (RobertaConfig) ModelLocator.config("FacebookAI/roberta-base");
        Backbone classifier = Models.build(config);
        long head = classifier.headParameterNames().stream()
                .mapToLong(n -> classifier.parameters().get(n).getShape().size()).sum();
        long withoutPooler = classifier.parameters().count() - head;

        assertThat(withoutPooler).isEqualTo(124_055_040L);
        assertThat(withoutPooler + ModelSummary.robertaPoolerParameters(config)).isEqualTo(124_645_632L);
        // RobertaClassificationHead: dense 768x768 + 768, out_proj 768x2 + 2.
        assertThat(head).isEqualTo(768L * 768 + 768 + 768L * 2 + 2);
    }

    @Test
    void llama2_7bHas6_738_415_616Parameters() {
        ModelConfig config = ModelLocator.config("meta-llama/Llama-2-7b-hf");
        assertThat(config).isInstanceOf(LlamaConfig.class);
        assertThat(Models.build(config).parameters().count()).isEqualTo(6_738_415_616L);
    }

    @Test
    void groupsCollapseTheLayersAndAddUpToTheTotal() {
        Backbone llama = Models.build(ModelLocator.config("llama-2-7b"));
        var groups = ModelSummary.groups(llama.parameters());

        assertThat(groups).extracting(ModelSummary.Group::name)
                .containsExactly("model.embed_tokens", "model.layers.*", "model.norm", "lm_head");
        assertThat(groups.get(1).layers()).isEqualTo(32);
        assertThat(groups.stream().mapToLong(ModelSummary.Group::parameters).sum()).isEqualTo(6_738_415_616L);
    }
}
