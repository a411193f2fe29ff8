package org.peftrepro.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.config.ModelConfig;
import org.peftrepro.models.config.RobertaConfig;

/**
 * Checks the tensors of a forward pass against the model they are for, before libtorch sees them: an id outside
 * the vocabulary, a sequence longer than the position table or a mask of 2s otherwise fail deep inside libtorch
 * ("index out of range in self") or, worse, give numbers. Each error names the tensor, and the position and value
 * at fault.
 */
public final class ModelInputs {
    /** Label positions the causal-LM loss skips, as in HF. */
    private static final long IGNORED_LABEL = -100;

    private ModelInputs() {}

    /**
     * @param source what the tensors came from, named at the start of every message (an input file)
     * @param attentionMask null when not given
     * @param tokenTypeIds null when not given
     * @param labels null when not given
     * @throws IllegalArgumentException naming the source, the tensor, and the position and value at fault
     */
    public static void check(String source, Backbone model, NDArray inputIds, NDArray attentionMask,
            NDArray tokenTypeIds, NDArray labels) {
        ModelConfig config = model.config();
        Shape shape = inputIds.getShape();
        requireIntegers(source, "input_ids", inputIds);
        if (shape.dimension() != 2 || shape.get(1) == 0) {
            throw new IllegalArgumentException(source + ": input_ids must be [batch, length] with at least one token,"
                    + " found shape " + shape);
        }
        long[] ids = inputIds.toType(DataType.INT64, false).toLongArray();
        requireRange(source, "input_ids", ids, shape, 0, config.vocabSize(), "the vocabulary (vocab_size "
                + config.vocabSize() + ")");
        if (config instanceof RobertaConfig roberta) {
            requireFitsPositions(source, ids, shape, roberta);
        }
        if (attentionMask != null) {
            requireMask(source, attentionMask, shape, config instanceof LlamaConfig);
        }
        if (tokenTypeIds != null) {
            requireSameShape(source, "token_type_ids", tokenTypeIds, shape);
            requireIntegers(source, "token_type_ids", tokenTypeIds);
            int types = config instanceof RobertaConfig roberta ? roberta.typeVocabSize() : 1;
            requireRange(source, "token_type_ids", tokenTypeIds.toType(DataType.INT64, false).toLongArray(), shape, 0,
                    types, "the token types (type_vocab_size " + types + ")");
        }
        if (labels != null) {
            if (model instanceof SequenceClassifier classifier) {
                requireClassLabels(source, labels, shape.get(0), classifier.numLabels());
            } else {
                requireTokenLabels(source, labels, shape, config.vocabSize());
            }
        }
    }

    /** RoBERTa numbers positions from pad_token_id + 1 over the tokens that are not padding. */
    private static void requireFitsPositions(String source, long[] ids, Shape shape, RobertaConfig config) {
        int length = Math.toIntExact(shape.get(1));
        long limit = config.maxSequenceLength();
        for (int row = 0; row * length < ids.length; row++) {
            long tokens = 0;
            for (int t = 0; t < length; t++) {
                tokens += ids[row * length + t] == config.padTokenId() ? 0 : 1;
            }
            if (tokens > limit) {
                throw new IllegalArgumentException(source + ": input_ids row " + row + " has " + tokens
                        + " tokens besides padding, more than the " + limit + " positions of the model's table"
                        + " (max_position_embeddings " + config.maxPositionEmbeddings() + ", counted from pad_token_id "
                        + config.padTokenId() + " + 1)");
            }
        }
    }

    private static void requireMask(String source, NDArray mask, Shape idsShape, boolean causal) {
        requireSameShape(source, "attention_mask", mask, idsShape);
        double[] values = mask.toType(DataType.FLOAT64, false).toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException(source + ": attention_mask" + position(i, idsShape) + " = "
                        + number(values[i]) + "; a mask holds 1 (a token) or 0 (padding)");
            }
            if (causal && values[i] == 0) {
                throw new IllegalArgumentException(source + ": attention_mask" + position(i, idsShape) + " = 0, but the"
                        + " causal LM's forward pass attends to every token: give unpadded sequences");
            }
        }
    }

    private static void requireClassLabels(String source, NDArray labels, long batch, int numLabels) {
        Shape shape = labels.getShape();
        boolean regression = numLabels == 1;
        boolean shaped = shape.equals(new Shape(batch)) || (regression && shape.equals(new Shape(batch, 1)));
        if (!shaped) {
            throw new IllegalArgumentException(source + ": labels must have shape (" + batch + "), one per sequence,"
                    + " found " + shape);
        }
        if (regression) {
            return;
        }
        requireIntegers(source, "labels", labels);
        requireRange(source, "labels", labels.toType(DataType.INT64, false).toLongArray(), shape, 0, numLabels,
                "the head's " + numLabels + " classes");
    }

    private static void requireTokenLabels(String source, NDArray labels, Shape idsShape, int vocabSize) {
        requireSameShape(source, "labels", labels, idsShape);
        requireIntegers(source, "labels", labels);
        long[] values = labels.toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != IGNORED_LABEL && (values[i] < 0 || values[i] >= vocabSize)) {
                throw new IllegalArgumentException(source + ": labels" + position(i, idsShape) + " = " + values[i]
                        + " is outside the vocabulary (vocab_size " + vocabSize + ": 0 to " + (vocabSize - 1)
                        + ", or -100 to skip the position)");
            }
        }
    }

    private static void requireIntegers(String source, String name, NDArray tensor) {
        if (!tensor.getDataType().isInteger()) {
            throw new IllegalArgumentException(source + ": " + name + " must hold integers, found "
                    + tensor.getDataType().asSafetensors() + " values");
        }
    }

    private static void requireSameShape(String source, String name, NDArray tensor, Shape idsShape) {
        if (!tensor.getShape().equals(idsShape)) {
            throw new IllegalArgumentException(source + ": " + name + " has shape " + tensor.getShape()
                    + ", input_ids " + idsShape + ": they must match");
        }
    }

    private static void requireRange(String source, String name, long[] values, Shape shape, long from, long to,
            String what) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < from || values[i] >= to) {
                throw new IllegalArgumentException(source + ": " + name + position(i, shape) + " = " + values[i]
                        + " is outside " + what + ": " + from + " to " + (to - 1));
            }
        }
    }

    /** "[row, column]" of a flat index; "[i]" for one axis. */
    private static String position(int flat, Shape shape) {
        if (shape.dimension() < 2) {
            return "[" + flat + "]";
        }
        long length = shape.get(shape.dimension() - 1);
        return "[" + flat / length + ", " + flat % length + "]";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
