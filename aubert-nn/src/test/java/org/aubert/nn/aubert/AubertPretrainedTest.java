package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.TestData;
import org.aubert.nn.bert.BertForMaskedLM;
import org.aubert.nn.bert.BertModel;
import org.aubert.nn.wav2vec2.AudioEncoder;
import org.aubert.nn.weights.WeightLoadException;

/**
 * Encoders initialised from the oracle HF folders inside the joint graph give the stand-alone encoders' outputs, and
 * the strict key check runs over each encoder's part of the graph.
 */
@ExtendWith(SingleNativeThread.class)
class AubertPretrainedTest {
    private static final Path BERT = TestData.oracle("models/bert_tiny");
    private static final Path BERT_MLM = TestData.oracle("models/bert_tiny_mlm");
    private static final Path HUBERT = TestData.oracle("models/hubert_base_tiny");
    private static final Path HUBERT_CTC = TestData.oracle("models/hubert_large_ctc_tiny");

    /** Two contexts of 7 tokens (row 1 padded to 5) and two segments of 4000 samples (row 1 padded to 3000). */
    private static Batch batch() {
        SplittableRandom rng = new SplittableRandom(4);
        long[][] ids = new long[2][7];
        double[][] mask = new double[2][7];
        float[][] audio = new float[2][4000];
        int[][] audioMask = new int[2][4000];
        for (int b = 0; b < 2; b++) {
            int len = b == 0 ? 7 : 5;
            for (int t = 0; t < len; t++) {
                ids[b][t] = 1 + rng.nextInt(126);
                mask[b][t] = 1;
            }
            int samples = b == 0 ? 4000 : 3000;
            for (int s = 0; s < samples; s++) {
                audio[b][s] = (float) (0.3 * Math.sin(s * (0.05 + 0.02 * b)) + 0.1 * rng.nextGaussian());
                audioMask[b][s] = 1;
            }
        }
        return Batch.of(Nd4j.createFromArray(ids), Nd4j.createFromArray(mask), new long[]{1, 2}, new long[]{4, 3},
                Nd4j.createFromArray(audio), Nd4j.createFromArray(audioMask));
    }

    @Test
    void jointEncodersEqualStandAloneEncoders() throws Exception {
        AubertConfig c = AubertConfig.forPretrained(BERT, HUBERT).withProjection(AubertConfig.ProjectionHeadType.MLP, 16, 0.1);
        AubertModel m = AubertModel.fromPretrained(c, DataType.FLOAT, false);
        Batch batch = batch();
        String textOut = m.textHiddenState().name();
        String audioOut = m.audioHiddenState().name();
        assertEquals("text.last_hidden_state", textOut);
        assertEquals("audio.last_hidden_state", audioOut);
        Map<String, INDArray> joint = m.runner().output(m.feeds(batch), m.dims(batch), 0, textOut, audioOut, AubertModel.LOGITS);

        INDArray text = BertModel.load(BERT, DataType.FLOAT, false).forward(batch.textIds(), batch.textMask(), null).lastHiddenState();
        INDArray audio = AudioEncoder.load(HUBERT, DataType.FLOAT, false).forward(batch.audioValues(), batch.audioMask()).lastHiddenState();
        double textDiff = TestData.maxAbsDiff(joint.get(textOut), text, null);
        double audioDiff = TestData.maxAbsDiff(joint.get(audioOut), audio, null);
        System.out.printf("joint vs stand-alone: text max|d| = %.3g, audio max|d| = %.3g%n", textDiff, audioDiff);
        assertTrue(textDiff <= 1e-6, "text " + textDiff);
        assertTrue(audioDiff <= 1e-6, "audio " + audioDiff);
        assertEquals(2, joint.get(AubertModel.LOGITS).size(0));

        // Loaded, not left at the random initialisation: the same weights as the stand-alone models hold.
        assertEquals(BertModel.load(BERT, DataType.FLOAT, false).graph().parameter("encoder.layer.1.output.dense.weight"),
                m.graph().parameter("text.encoder.layer.1.output.dense.weight"));
        // The frozen conv stack is left out of the trainable set.
        assertTrue(m.graph().frozenParameterNames().contains("audio.feature_extractor.conv_layers.0.conv.weight"));
    }

    @Test
    void headsAreSeededAndEncodersAreNot() throws Exception {
        AubertConfig c = AubertConfig.forPretrained(BERT, HUBERT);
        AubertModel a = AubertModel.fromPretrained(c, DataType.FLOAT, false, 1);
        AubertModel b = AubertModel.fromPretrained(c, DataType.FLOAT, false, 1);
        AubertModel other = AubertModel.fromPretrained(c, DataType.FLOAT, false, 2);
        for (String n : a.graph().parameterNames()) assertEquals(a.graph().parameter(n), b.graph().parameter(n), n);
        assertTrue(!a.graph().parameter("scorer.fc1.weight").equals(other.graph().parameter("scorer.fc1.weight")));
        assertEquals(a.graph().parameter("text.embeddings.word_embeddings.weight"), other.graph().parameter("text.embeddings.word_embeddings.weight"));
    }

    @Test
    void mlmHeadLoadsFromAnMlmCheckpointAndIsRequired() throws Exception {
        AubertModel m = AubertModel.fromPretrained(AubertConfig.forPretrained(BERT_MLM, HUBERT).withMlmWeight(0.5), DataType.FLOAT, false);
        assertTrue(m.hasMlmHead());
        assertEquals(BertForMaskedLM.load(BERT_MLM, DataType.FLOAT, false).bert().graph().parameter("cls.predictions.transform.dense.weight"),
                m.graph().parameter("text.cls.predictions.transform.dense.weight"));
        WeightLoadException e = assertThrows(WeightLoadException.class,
                () -> AubertModel.fromPretrained(AubertConfig.forPretrained(BERT, HUBERT).withMlmWeight(0.5), DataType.FLOAT, false));
        assertTrue(e.getMessage().contains("part 'text.'") && e.getMessage().contains("cls.predictions.transform.dense.weight"), e.getMessage());
    }

    @Test
    void ctcHeadOfAFineTunedAudioModelIsIgnored() throws Exception {
        AubertModel m = AubertModel.fromPretrained(AubertConfig.forPretrained(BERT, HUBERT_CTC), DataType.FLOAT, false);
        assertTrue(m.graph().parameterNames().stream().noneMatch(n -> n.contains("lm_head")));
    }

    @Test
    void mismatchedFolderIsRefused() {
        // The BERT config with the HuBERT weights: nothing fits, and the error says which part failed.
        WeightLoadException e = assertThrows(WeightLoadException.class, () -> AubertModel.fromPretrained(
                AubertConfig.of(HUBERT, TinyAubert.text(0), HUBERT, TinyAubert.audio(0)), DataType.FLOAT, false));
        assertTrue(e.getMessage().contains("part 'text.'") && e.getMessage().contains("missing keys"), e.getMessage());
    }
}
