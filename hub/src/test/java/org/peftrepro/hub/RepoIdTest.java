package org.peftrepro.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepoIdTest {

    @Test
    void revisionDefaultsToMainAndFollowsTheLastAt() {
        assertThat(RepoId.parse("FacebookAI/roberta-base")).isEqualTo(new RepoId("FacebookAI/roberta-base", "main"));
        assertThat(RepoId.parse("FacebookAI/roberta-base@v1")).isEqualTo(new RepoId("FacebookAI/roberta-base", "v1"));
        assertThat(RepoId.parse("gpt2@refs/pr/1")).isEqualTo(new RepoId("gpt2", "refs/pr/1"));
        assertThat(RepoId.parse("meta-llama/Llama-2-7b-hf").toString()).isEqualTo("meta-llama/Llama-2-7b-hf@main");
    }

    @Test
    void onlyFullLowercaseHashesAreCommits() {
        assertThat(RepoId.parse("a/b@0123456789abcdef0123456789abcdef01234567").revisionIsCommit()).isTrue();
        assertThat(RepoId.parse("a/b@0123456789abcdef").revisionIsCommit()).isFalse();
        assertThat(RepoId.parse("a/b@0123456789ABCDEF0123456789ABCDEF01234567").revisionIsCommit()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b/c", "a--b/c", "a/b..c", "../x", "a/b c", "-a/b", "a/b.", "a/"})
    void malformedIdsAreRefused(String id) {
        assertThatThrownBy(() -> RepoId.parse(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Hub repository id");
    }

    @Test
    void emptyRevisionAfterAtIsRefused() {
        assertThatThrownBy(() -> RepoId.parse("a/b@"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no revision");
    }

    @Test
    void repoTypeParsesSingularAndPlural() {
        assertThat(RepoType.parse("Dataset")).isEqualTo(RepoType.DATASET);
        assertThat(RepoType.parse("models")).isEqualTo(RepoType.MODEL);
        assertThatThrownBy(() -> RepoType.parse("space")).hasMessageContaining("unknown repository type 'space'");
    }
}
