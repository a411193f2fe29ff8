package org.peftrepro.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected results are those of Python's fnmatch.fnmatchcase on the same inputs. */
class FnmatchPatternTest {

    @Test
    void starMatchesAcrossFoldersLikePython() {
        FnmatchPattern cola = new FnmatchPattern("cola/train-*.parquet");
        assertThat(cola.matches("cola/train-00000-of-00001.parquet")).isTrue();
        assertThat(cola.matches("cola/validation-00000-of-00001.parquet")).isFalse();
        assertThat(cola.matches("sst2/train-00000-of-00001.parquet")).isFalse();
        assertThat(new FnmatchPattern("*.json").matches("sub/dir/config.json")).isTrue();
    }

    @Test
    void dotsAndOtherRegexCharactersAreLiteral() {
        assertThat(new FnmatchPattern("model.safetensors").matches("modelXsafetensors")).isFalse();
        assertThat(new FnmatchPattern("a+b(c).txt").matches("a+b(c).txt")).isTrue();
        assertThat(new FnmatchPattern("a$").matches("a$")).isTrue();
    }

    @Test
    void questionMarkAndCharacterClasses() {
        assertThat(new FnmatchPattern("model-0000?.bin").matches("model-00001.bin")).isTrue();
        assertThat(new FnmatchPattern("model-0000?.bin").matches("model-000012.bin")).isFalse();
        assertThat(new FnmatchPattern("[ab].txt").matches("b.txt")).isTrue();
        assertThat(new FnmatchPattern("[!ab].txt").matches("b.txt")).isFalse();
        assertThat(new FnmatchPattern("[!ab].txt").matches("c.txt")).isTrue();
        assertThat(new FnmatchPattern("[0-9].txt").matches("7.txt")).isTrue();
        assertThat(new FnmatchPattern("[]].txt").matches("].txt")).isTrue();
        assertThat(new FnmatchPattern("[a&&b]").matches("&")).isTrue();
    }

    @Test
    void unclosedBracketIsLiteral() {
        assertThat(new FnmatchPattern("[abc").matches("[abc")).isTrue();
        assertThat(new FnmatchPattern("[abc").matches("a")).isFalse();
    }

    @Test
    void trailingSlashMatchesTheWholeFolder() {
        FnmatchPattern folder = new FnmatchPattern("cola/");
        assertThat(folder.matches("cola/train-00000-of-00001.parquet")).isTrue();
        assertThat(folder.matches("colab/x")).isFalse();
    }
}
