package org.peftrepro.methods;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peftrepro.methods.lor2c.Lor2c;
import org.peftrepro.methods.spi.Adaptation;
import org.peftrepro.models.roberta.RobertaForSequenceClassification;
import org.peftrepro.models.sites.ForwardContext;

/**
 * Gradients must not depend on the garbage collector. Every constant a forward pass multiplies by must live
 * until the backward pass has read it (see {@code Scalars}); here the collector runs and fresh direct
 * buffers full of NaN are handed out between forward and backward, so a freed constant would show.
 */
class GradientLifetimeTest {

    @Test
    void gradientsAreTheSameWhenTheGarbageCollectorRunsBetweenForwardAndBackward() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            RobertaForSequenceClassification model = TinyRoberta.withLayers(manager, 2);
            Lor2c method = new Lor2c();
            Adaptation a = method.attach(model, method.resolve(Map.of("dropout", "0")));
            a.initialize(manager);
            for (Parameter p : a.trainable().asMap().values()) {
                p.getArray().set(manager.randomNormal(p.getShape()).mul(0.3f).toFloatArray());
            }
            List<float[]> quiet = gradients(model, a, manager, false);
            List<float[]> disturbed = gradients(model, a, manager, true);
            for (int i = 0; i < quiet.size(); i++) {
                assertThat(disturbed.get(i)).as("gradient %d", i).containsExactly(quiet.get(i));
            }
        }
    }

    private static List<float[]> gradients(RobertaForSequenceClassification model, Adaptation a, NDManager manager,
            boolean disturb) throws InterruptedException {
        List<float[]> grads = new ArrayList<>();
        try (NDManager batch = manager.newSubManager();
                GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray[] b = TinyRoberta.batch(batch);
            NDArray loss = model.forward(b[0], b[1], null, b[2], ForwardContext.inference(b[1])).loss();
            if (disturb) {
                List<ByteBuffer> noise = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    System.gc();
                    Thread.sleep(20); // lets the cleaner free unreachable direct buffers
                    for (int i = 0; i < 2000; i++) {
                        ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                        buffer.putFloat(0, Float.NaN);
                        noise.add(buffer);
                    }
                }
            }
            gc.backward(loss);
        }
        for (Parameter p : a.trainable().asMap().values()) {
            NDArray g = p.getArray().getGradient();
            grads.add(g.toFloatArray());
            g.subi(g);
        }
        return grads;
    }
}
