package org.aubert.nn.bert;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.TestData;

/**
 * Oracle parity on the CUDA backend. Runs only in a {@code -Pcuda} build on a machine with a supported
 * GPU (ND4J's CUDA 11.6 build covers sm_37..sm_86); skipped on the default CPU backend.
 */
class CudaBackendTest {
    static boolean cudaBackend() {
        try {
            return Nd4j.getBackend().getClass().getName().toLowerCase(java.util.Locale.ROOT).contains("cuda");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Test
    void bertBatchMatchesTheOracleOnTheGpu() throws Exception {
        assumeTrue(cudaBackend(), "no CUDA backend on the classpath (build with -Pcuda on a GPU machine)");
        INDArray ids = TestData.npy("text/inputs/input_ids.npy");
        INDArray mask = TestData.npy("text/inputs/attention_mask.npy");
        INDArray types = TestData.npy("text/inputs/token_type_ids.npy");
        BertModel.Output o = BertModel.load(TestData.oracle("models/bert_tiny"), DataType.FLOAT, false).forward(ids, mask, types);
        double err = TestData.maxAbsDiff(o.lastHiddenState(), TestData.npy("expected/bert_tiny/last_hidden_state.npy"), null);
        assertTrue(err <= 1e-4, "max|d| = " + err);
    }
}
