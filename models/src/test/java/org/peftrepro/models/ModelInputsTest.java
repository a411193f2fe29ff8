package org.peftrepro.models;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peftrepro.models.config.LlamaConfig;
import org.peftrepro.models.config.RobertaConfig;

/** Inputs a forward pass would fail on inside libtorch, or silently compute with, are named before it runs. */
class ModelInputsTest {
    /** vocab 300, 40 positions from pad id 1 + 1 (38 tokens), one token type, 3 labels. */
    private static final RobertaConfig ROBERTA = new RobertaConfig(300, 32, 1, 4, 64, "gelu", 0.1, 0.1, 40, 1, 1e-5,
            1, 0.02, 3, null, List.of("a", "b", "c"), List.of("RobertaForSequenceClassification"));
    private static final LlamaConfig LLAMA = new LlamaConfig(300, 32, 64, 1, 4, 4, 8, 1e-6, 10000, 64, false, false,
            false, 0.02, List.of("LlamaForCausalLM"));

    private final NDManager manager = NDManager.newBaseManager();
    private final Backbone classifier = Models.build(ROBERTA);
    private final Backbone regressor = Models.sequenceClassifier(ROBERTA, 1);
    private final Backbone lm = Models.build(LLAMA);

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void validInputsPass() {
        NDArray ids = ids(new long[] {0, 5, 6, 2, 1, 1});
        NDArray mask = manager.create(new long[] {1, 1, 1, 1, 0, 0}).reshape(1, 6);

        assertThatCode(() -> ModelInputs.check("in.safetensors", classifier, ids, mask, ids.zerosLike(),
                manager.create(new long[] {2}))).doesNotThrowAnyException();
        NDArray booleanMask = mask.toType(DataType.BOOLEAN, false);
        assertThatCode(() -> ModelInputs.check("in.safetensors", regressor, ids, booleanMask, null,
                manager.create(new float[] {3.5f}))).doesNotThrowAnyException();
        assertThatCode(() -> ModelInputs.check("in.safetensors", lm, ids, null, null,
                manager.create(new long[] {-100, 5, 6, 2, 1, 1}).reshape(1, 6))).doesNotThrowAnyException();
    }

    @Test
    void anIdOutsideTheVocabularyIsNamedWithItsPosition() {
        NDArray ids = manager.create(new long[] {0, 5, 6, 2, 0, 7, 300, 2}).reshape(2, 4);

        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("in.safetensors: input_ids[1, 2] = 300 is outside the vocabulary (vocab_size 300): 0 to 299");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", lm, ids(new long[] {0, -1}), null, null, null))
                .hasMessage("in.safetensors: input_ids[0, 1] = -1 is outside the vocabulary (vocab_size 300): 0 to 299");
    }

    @Test
    void idsMustBeIntegersInABatchOfSequences() {
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier,
                manager.create(new float[] {0, 5.5f, 2}).reshape(1, 3), null, null, null))
                .hasMessage("in.safetensors: input_ids must hold integers, found F32 values");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, manager.create(new long[] {0, 5, 2}),
                null, null, null))
                .hasMessage("in.safetensors: input_ids must be [batch, length] with at least one token, found shape (3)");
    }

    @Test
    void aSequenceLongerThanThePositionTableIsRefusedPaddingNotCounted() {
        long[] fits = new long[40];
        Arrays.fill(fits, 5);
        fits[38] = 1; // two pads: 38 tokens, every position of the table
        fits[39] = 1;
        long[] tooLong = fits.clone();
        tooLong[38] = 5;

        assertThatCode(() -> ModelInputs.check("in.safetensors", classifier, ids(fits), null, null, null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids(tooLong), null, null, null))
                .hasMessage("in.safetensors: input_ids row 0 has 39 tokens besides padding, more than the 38 positions"
                        + " of the model's table (max_position_embeddings 40, counted from pad_token_id 1 + 1)");
    }

    @Test
    void aMaskHoldsZerosAndOnesInTheShapeOfTheIds() {
        NDArray ids = ids(new long[] {0, 5, 6, 2});

        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids,
                manager.create(new long[] {1, 1, 2, 1}).reshape(1, 4), null, null))
                .hasMessage("in.safetensors: attention_mask[0, 2] = 2; a mask holds 1 (a token) or 0 (padding)");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids,
                manager.create(new float[] {1, 1, 0.5f, 1}).reshape(1, 4), null, null))
                .hasMessage("in.safetensors: attention_mask[0, 2] = 0.5; a mask holds 1 (a token) or 0 (padding)");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids,
                manager.ones(new Shape(1, 3)), null, null))
                .hasMessage("in.safetensors: attention_mask has shape (1, 3), input_ids (1, 4): they must match");
    }

    @Test
    void paddingIsRefusedWhereTheCausalLmWouldIgnoreIt() {
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", lm, ids(new long[] {0, 5, 1}),
                manager.create(new long[] {1, 1, 0}).reshape(1, 3), null, null))
                .hasMessageStartingWith("in.safetensors: attention_mask[0, 2] = 0, but the causal LM's forward pass"
                        + " attends to every token");
    }

    @Test
    void tokenTypesAndLabelsAreCheckedAgainstTheModel() {
        NDArray ids = ids(new long[] {0, 5, 2});

        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids, null,
                manager.create(new long[] {0, 1, 0}).reshape(1, 3), null))
                .hasMessage("in.safetensors: token_type_ids[0, 1] = 1 is outside the token types (type_vocab_size 1): 0 to 0");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids, null, null,
                manager.create(new long[] {3})))
                .hasMessage("in.safetensors: labels[0] = 3 is outside the head's 3 classes: 0 to 2");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", classifier, ids, null, null,
                manager.create(new long[] {1, 2})))
                .hasMessage("in.safetensors: labels must have shape (1), one per sequence, found (2)");
        assertThatThrownBy(() -> ModelInputs.check("in.safetensors", lm, ids, null, null,
                manager.create(new long[] {0, 300, -100}).reshape(1, 3)))
                .hasMessage("in.safetensors: labels[0, 1] = 300 is outside the vocabulary (vocab_size 300: 0 to 299,"
                        + " or -100 to skip the position)");
    }

    private NDArray ids(long[] row) {
        return manager.create(row).reshape(1, row.length);
    }
}
