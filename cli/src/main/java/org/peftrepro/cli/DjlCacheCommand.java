package org.peftrepro.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peftrepro.reproduce.cluster.DjlCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Fills a shared DJL cache with the CUDA libtorch once, for GPU nodes without internet. */
@Command(name = "djl-cache", mixinStandardHelpOptions = true,
        description = {"Fill a DJL cache folder with the CUDA build of libtorch (" + DjlCache.CUDA_FLAVOR + ") through DJL's"
                + " own download, from a machine with internet, GPU or not; jobs that set DJL_CACHE_DIR to it then load"
                + " libtorch offline.",
            "Run it without the bundled CPU libtorch: mvn -q -Dgpu compile exec:java -Dexec.args=\"djl-cache --dir DIR\"."})
public final class DjlCacheCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "The cache folder the compute nodes share (their DJL_CACHE_DIR).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        DjlCache cache = new DjlCache(dir.toAbsolutePath());
        DjlCache.Filled filled = cache.fill(DjlCache.CUDA_FLAVOR);
        PrintWriter out = spec.commandLine().getOut();
        out.println((filled.downloaded() ? "Downloaded" : "Found") + " libtorch " + DjlCache.pytorchVersion() + " "
                + DjlCache.CUDA_FLAVOR + " in " + filled.libtorchFolder() + ", with DJL's JNI for it.");
        if (filled.notLoadedBecause() != null) {
            out.println("It does not load on this machine (" + filled.notLoadedBecause() + "): expected without an"
                    + " NVIDIA driver; GPU nodes load it.");
        }
        out.println("Jobs load it offline with:");
        for (Map.Entry<String, String> variable : cache.offlineEnvironment(true).entrySet()) {
            out.println("  export " + variable.getKey() + "=" + variable.getValue());
        }
        return 0;
    }
}
