package org.peftrepro.reproduce.cluster;

import ai.djl.util.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL cache folder ({@code DJL_CACHE_DIR}) shared by compute nodes that have no internet: filled once, from a
 * machine that has, with the CUDA build of libtorch, after which every job loads libtorch from it offline.
 *
 * <p>DJL 0.35.1 runs libtorch 2.7.1, whose one CUDA build DJL publishes is {@value #CUDA_FLAVOR} (CUDA 12.8,
 * with the CUDA and cuDNN libraries inside it: a node needs only the NVIDIA driver). DJL picks the flavour
 * from the CUDA runtime ({@code libcudart}) it finds on the library path, and falls back to the CPU build
 * when it finds none or an older one, so jobs name it: {@code PYTORCH_FLAVOR} and {@code PYTORCH_VERSION},
 * under which DJL looks in {@code <cache>/pytorch/2.7.1-cu128-linux-x86_64} and downloads nothing when
 * {@code libtorch.so} is there.
 *
 * @param folder the shared cache folder
 */
public record DjlCache(Path folder) {

    /** The CUDA build of libtorch 2.7.1 that DJL 0.35.1 publishes (its pytorch-jni carries the JNI for it). */
    public static final String CUDA_FLAVOR = "cu128";

    /** The libtorch version of the DJL on the class path, e.g. {@code 2.7.1}. */
    public static String pytorchVersion() {
        return ThisMachine.PLATFORM.getVersion();
    }

    /** Where DJL keeps libtorch of this flavour for this machine, e.g. {@code pytorch/2.7.1-cu128-linux-x86_64}. */
    public Path libtorchFolder(String flavor) {
        Platform platform = ThisMachine.PLATFORM;
        return folder.resolve("pytorch").resolve(platform.getVersion() + "-" + flavor + "-" + platform.getClassifier());
    }

    /** Whether DJL would load libtorch of this flavour from the cache without downloading it. */
    public boolean hasLibtorch(String flavor) {
        return Files.isRegularFile(libtorchFolder(flavor).resolve(System.mapLibraryName("torch")));
    }

    /**
     * The environment of an offline job: this cache, DJL and the Hugging Face Hub client kept offline (the model
     * and data were fetched when the plan was made), and on GPU nodes the CUDA build named.
     */
    public Map<String, String> offlineEnvironment(boolean cuda) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DJL_CACHE_DIR", folder.toString());
        environment.put("DJL_OFFLINE", "true");
        if (cuda) {
            environment.put("PYTORCH_VERSION", pytorchVersion());
            environment.put("PYTORCH_FLAVOR", CUDA_FLAVOR);
        }
        environment.put("HF_HUB_OFFLINE", "1");
        return environment;
    }

    /** DJL's view of this machine, read once: it probes for a CUDA runtime, and says so when one is broken. */
    private static final class ThisMachine {
        static final Platform PLATFORM = Platform.fromSystem("pytorch");
    }
}
