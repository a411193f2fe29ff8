package org.peftrepro.reproduce.cluster;

import ai.djl.engine.Engine;
import ai.djl.util.ClassLoaderUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
 * <p>{@link #fill} is that one step: DJL's own download, with the flavour named, on any machine with internet,
 * GPU or not.
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

    /**
     * Puts libtorch of this flavour into the cache through DJL's own download (DJL's engine is loaded with
     * {@code PYTORCH_FLAVOR}, {@code PYTORCH_VERSION} and {@code DJL_CACHE_DIR} set to this cache), and DJL's JNI
     * for it beside it, so that jobs neither download nor write anything there. Loading the CUDA build fails on a
     * machine without an NVIDIA driver, after the download: that is reported, not an error. Must run in a process
     * that has not loaded DJL's engine yet, without DJL's CPU native package on the class path (which DJL would
     * use instead of downloading).
     */
    public Filled fill(String flavor) throws IOException {
        Path libtorch = libtorchFolder(flavor);
        if (hasLibtorch(flavor)) {
            placeJni(flavor);
            return new Filled(libtorch, false, null);
        }
        if (!Platform.detectPlatform("pytorch").isPlaceholder()) {
            throw new IllegalStateException("DJL's CPU libtorch is on the class path, and DJL would use it rather than"
                    + " download libtorch " + flavor + ": run without it (mvn -Dgpu ...)");
        }
        if (Utils.isOfflineMode()) {
            throw new IllegalStateException("DJL is offline (DJL_OFFLINE or -Dai.djl.offline=true): it cannot download"
                    + " libtorch " + flavor + " into " + folder);
        }
        for (String overriding : new String[] {"ENGINE_CACHE_DIR", "PYTORCH_LIBRARY_PATH"}) {
            if (Utils.getEnvOrSystemProperty(overriding) != null) {
                throw new IllegalStateException(overriding + " is set, and DJL would use it rather than " + folder
                        + ": unset it");
            }
        }
        setForDjl("DJL_CACHE_DIR", folder.toString());
        setForDjl("PYTORCH_VERSION", pytorchVersion());
        setForDjl("PYTORCH_FLAVOR", flavor);
        String notLoaded = null;
        try {
            Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            notLoaded = e.getCause() != null ? e.getCause().toString() : e.toString();
        }
        if (!hasLibtorch(flavor)) {
            throw new IOException("DJL did not put libtorch " + flavor + " into " + libtorch
                    + (notLoaded != null ? ": " + notLoaded : ""));
        }
        placeJni(flavor);
        return new Filled(libtorch, true, notLoaded);
    }

    /**
     * Copies DJL's JNI library for this flavour out of pytorch-jni, to where DJL looks for it first
     * ({@code <libtorch folder>/<DJL version>-libdjl_torch.so}); DJL would otherwise copy it there on a node's
     * first run, which needs the shared cache to be writable.
     */
    private void placeJni(String flavor) throws IOException {
        Platform platform = ThisMachine.PLATFORM;
        String name = System.mapLibraryName("djl_torch");
        Path target = libtorchFolder(flavor).resolve(platform.getApiVersion() + "-" + name);
        if (Files.exists(target)) {
            return;
        }
        String resource = "jnilib/" + platform.getClassifier() + "/" + flavor + "/" + name;
        try (InputStream in = ClassLoaderUtils.getResourceAsStream(resource)) {
            Path temporary = target.resolveSibling("." + name + "." + UUID.randomUUID() + ".tmp");
            Files.copy(in, temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("DJL's JNI for " + flavor + " (" + resource + ", from pytorch-jni) cannot be copied to "
                    + target + ": " + e.getMessage(), e);
        }
    }

    /** DJL reads the environment first: a variable set there to something else would win over this cache. */
    private static void setForDjl(String name, String value) {
        String inEnvironment = System.getenv(name);
        if (inEnvironment != null && !inEnvironment.equals(value)) {
            throw new IllegalStateException(name + " is set to " + inEnvironment + " in the environment, and DJL would"
                    + " use it rather than " + value + ": unset it");
        }
        System.setProperty(name, value);
    }

    /**
     * What {@link #fill} did.
     *
     * @param libtorchFolder where libtorch now is
     * @param downloaded false when it was there already
     * @param notLoadedBecause why DJL could not load it on this machine (no NVIDIA driver), or null when it did
     */
    public record Filled(Path libtorchFolder, boolean downloaded, String notLoadedBecause) {}

    /** DJL's view of this machine, read once: it probes for a CUDA runtime, and says so when one is broken. */
    private static final class ThisMachine {
        static final Platform PLATFORM = Platform.fromSystem("pytorch");
    }
}
