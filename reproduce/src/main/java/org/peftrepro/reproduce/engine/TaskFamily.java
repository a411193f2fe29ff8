package org.peftrepro.reproduce.engine;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Map;
import org.peftrepro.models.Backbone;
import org.peftrepro.models.sites.ForwardContext;

/**
 * A kind of task the engine trains: what a batch is, how its loss is computed, how a split is evaluated and which
 * metrics it reports. The engine does the rest the same way for every family (attach the method, train through
 * the one {@link TrainStep}, evaluate at the protocol's points, record). Sequence classification (GLUE) is one;
 * instruction tuning of a causal LM is another.
 *
 * @param <M> the model the family trains
 * @param <D> the data it prepares
 */
public interface TaskFamily<M extends Backbone, D extends TaskData> {
    /** Its name in run configurations, e.g. {@code sequence-classification}. */
    String name();

    /** Reads, subsamples and encodes the run's data. */
    D prepare(RunConfig config, ProgressListener progress) throws IOException;

    /** Builds the model and loads the checkpoint's weights into {@code manager}. */
    M loadModel(RunConfig config, NDManager manager, ProgressListener progress) throws IOException;

    /** The loss of one batch. */
    ai.djl.ndarray.NDArray loss(M model, TensorBatch batch, ForwardContext context);

    /** Scores the model on the data's evaluation split(s), in eval mode; keys as {@link #primaryMetric} names them. */
    Map<String, Double> evaluate(M model, D data, NDManager manager);

    /** The metric the tables report, and which way is better. */
    MetricGoal primaryMetric(RunConfig config);

    /** A metric's key and whether larger values are better (accuracy) or smaller (validation loss). */
    record MetricGoal(String key, boolean higherIsBetter) {
        public boolean improves(double candidate, double best) {
            return higherIsBetter ? candidate > best : candidate < best;
        }

        public double worst() {
            return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
    }
}
