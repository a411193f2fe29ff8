package org.peftrepro.tests;

import java.nio.file.Path;
import org.peftrepro.reproduce.engine.ProgressListener;
import org.peftrepro.reproduce.engine.StopSignal;
import org.peftrepro.reproduce.table.SmokeAssets;

/** A process that asks for the smoke assets in a cache folder (args: folder, pretraining steps) and prints them. */
public final class SmokeAssetsChild {
    private SmokeAssetsChild() {}

    public static void main(String[] args) throws Exception {
        SmokeAssets.Assets assets = SmokeAssets.prepare(Path.of(args[0]),
                new SmokeAssets.Recipe(17, Integer.parseInt(args[1])), new ProgressListener() {
                    @Override
                    public void message(String line) {
                        System.out.println(line);
                    }
                }, new StopSignal());
        System.out.println("model " + assets.modelFolder());
        System.out.println("data " + assets.dataFolder());
    }
}
