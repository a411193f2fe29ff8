package org.peftrepro.reproduce.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared DJL cache as DJL 0.35.1 lays it out and looks into it. */
class DjlCacheTest {
    @TempDir
    Path cache;

    @Test
    void theCudaBuildNamedIsTheOneDjlCarriesAJniFor() {
        // DJL loads its JNI for a CUDA libtorch from pytorch-jni; a DJL upgrade that changes the CUDA build fails here.
        assertThat(DjlCache.pytorchVersion()).isEqualTo("2.7.1");
        assertThat(getClass().getClassLoader().getResource("jnilib/linux-x86_64/" + DjlCache.CUDA_FLAVOR + "/libdjl_torch.so"))
                .isNotNull();
    }

    @Test
    void libtorchIsFoundWhereDjlLooksForIt() throws Exception {
        DjlCache djl = new DjlCache(cache);
        Path folder = djl.libtorchFolder("cu128");
        assertThat(folder).isEqualTo(cache.resolve("pytorch/2.7.1-cu128-linux-x86_64"));
        assertThat(djl.hasLibtorch("cu128")).isFalse();

        Files.createDirectories(folder);
        Files.createFile(folder.resolve("libtorch.so"));
        assertThat(djl.hasLibtorch("cu128")).isTrue();
        assertThat(djl.hasLibtorch("cpu")).isFalse();
    }
}
