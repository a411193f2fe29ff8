package org.peftrepro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peftrepro.methods.lor2c.ShapeOfFeatureSpace;

/** The SFS benchmark's two routes give the same singular values. */
class SfsRoutesTest {

    @Test
    void bothRoutesFindTheSingularValuesOfAHandMadeModule() {
        // B (3 x 2) = [[1, 0], [0, 2], [0, 0]], A (2 x 3) = [[3, 0, 0], [0, 0, 4]]:
        // B A = [[3, 0, 0], [0, 0, 8], [0, 0, 0]], whose singular values are 8, 3 and 0.
        float[] b = {1, 0, 0, 2, 0, 0};
        float[] a = {3, 0, 0, 0, 0, 4};
        assertThat(FullSvdRoute.singularValues(a, b, 2, 3)).containsExactly(new double[] {8, 3, 0}, within(1e-12));
        assertThat(ShapeOfFeatureSpace.singularValues(a, b, 2, 3)).containsExactly(new double[] {8, 3}, within(1e-12));
    }

    @Test
    void bothRoutesAgreeOnRandomModules() {
        SfsModules modules = SfsModules.random(40, 6, 3, 5);
        for (SfsModules.Module m : modules.modules()) {
            double[] full = FullSvdRoute.singularValues(m.a(), m.b(), 6, 40);
            double[] core = ShapeOfFeatureSpace.singularValues(m.a(), m.b(), 6, 40);
            assertThat(full).hasSize(40);
            assertThat(core).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(core[i]).as("singular value %d", i).isCloseTo(full[i], within(1e-9 * full[0]));
            }
            for (int i = 6; i < 40; i++) {
                assertThat(full[i]).as("a rank-6 product has no singular value %d", i).isCloseTo(0, within(1e-9 * full[0]));
            }
        }
    }

    @Test
    void theBackbonesHaveTheirPapersModuleCountsAndWidths() {
        SfsModules roberta = SfsModules.random(SfsModules.Backbone.ROBERTA_BASE, 8, 0, 1);
        assertThat(roberta.modules()).hasSize(12);
        assertThat(roberta.d()).isEqualTo(768);
        assertThat(roberta.modules().get(0).a()).hasSize(8 * 768);
        SfsModules llamaOne = SfsModules.random(SfsModules.Backbone.LLAMA_2_7B, 64, 1, 1);
        assertThat(llamaOne.modules()).hasSize(1);
        assertThat(llamaOne.d()).isEqualTo(4096);
        assertThat(SfsModules.Backbone.LLAMA_2_7B.config().numHiddenLayers()).isEqualTo(32);
    }
}
