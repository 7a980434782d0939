package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batch validation: each malformed batch is refused with a message saying what is wrong. */
class BatchTest {
    private static final INDArray IDS = Nd4j.createFromArray(new long[][]{{2, 5, 6, 3}, {2, 7, 3, 0}});
    private static final INDArray MASK = Nd4j.createFromArray(new double[][]{{1, 1, 1, 1}, {1, 1, 1, 0}});
    private static final INDArray AUDIO = Nd4j.zeros(DataType.FLOAT, 2, 40);
    private static final long[] START = {1, 1};
    private static final long[] END = {3, 2};

    @Test
    void validBatch() {
        Batch b = Batch.of(IDS, MASK, START, END, AUDIO, null);
        assertEquals(2, b.size());
        long[] s = b.spanStart();
        s[0] = 99;
        assertEquals(1, b.spanStart()[0], "spans are copied");
    }

    @Test
    void spanErrors() {
        refused(() -> Batch.of(IDS, MASK, new long[]{1, 2}, new long[]{3, 2}, AUDIO, null), "span of example 1 [2, 2) is empty");
        refused(() -> Batch.of(IDS, MASK, new long[]{1, 1}, new long[]{5, 2}, AUDIO, null), "span of example 0 [1, 5) is empty or outside [0, 4)");
        refused(() -> Batch.of(IDS, MASK, new long[]{-1, 1}, END, AUDIO, null), "outside");
        refused(() -> Batch.of(IDS, MASK, new long[]{1, 1}, new long[]{3, 4}, AUDIO, null), "span of example 1 covers padding at token 3");
        refused(() -> Batch.of(IDS, MASK, new long[]{1}, new long[]{3}, AUDIO, null), "one span start and end per example (2)");
    }

    @Test
    void shapeAndTypeErrors() {
        refused(() -> Batch.of(IDS.castTo(DataType.FLOAT), MASK, START, END, AUDIO, null), "text ids must be integers");
        refused(() -> Batch.of(IDS.reshape(8), MASK, START, END, AUDIO, null), "text ids must be [batch, tokens]");
        refused(() -> Batch.of(IDS, Nd4j.ones(2, 3), START, END, AUDIO, null), "text mask [2, 3] does not match text ids [2, 4]");
        refused(() -> Batch.of(IDS, MASK, START, END, Nd4j.zeros(DataType.FLOAT, 3, 40), null), "audio batch 3 differs from text batch 2");
        refused(() -> Batch.of(IDS, MASK, START, END, Nd4j.zeros(DataType.INT32, 2, 40), null), "audio values must be floating point");
        refused(() -> Batch.of(IDS, MASK, START, END, AUDIO, Nd4j.ones(2, 41)), "audio mask [2, 41] does not match audio values [2, 40]");
        refused(() -> Batch.of(IDS, MASK, START, END, null, null), "audio values must be [batch, samples]");
        refused(() -> new Batch(IDS, MASK, START, END, AUDIO, null, Nd4j.zeros(DataType.INT64, 2, 3)), "MLM labels [2, 3] do not match");
    }

    private static void refused(Executable e, String expected) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }
}
