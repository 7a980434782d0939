package org.aubert.nn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.nn.aubert.AubertConfig;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.aubert.Batch;
import org.aubert.nn.aubert.SingleNativeThread;
import org.aubert.nn.aubert.TinyAubert;
import org.aubert.nn.train.Checkpoint;

/** Embeddings from a saved checkpoint equal the joint model's own text/audio embeddings of the same inputs. */
@ExtendWith(SingleNativeThread.class)
class AubertEmbedderTest {
    /** 23 tokens, matching the tiny BERT's vocabulary size. */
    static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "master", "key", "was",
            "found", "by", "a", "boy", "who", "lived", "in", "house", "electric", "##ity", "of", ".", ",", "rob");

    @TempDir Path dir;

    Path checkpoint(AubertModel m) throws Exception {
        Path textDir = Files.createDirectories(dir.resolve("bert"));
        Files.write(textDir.resolve("vocab.txt"), VOCAB);
        AubertConfig c = m.config();
        AubertModel withVocab = AubertModel.create(new AubertConfig(textDir, c.textConfig(), null, c.audioConfig(), c.pooling(),
                c.projectionHead(), c.projectionDim(), c.scorer(), c.headDropout(), c.mlmWeight(), c.freezeFeatureEncoder(), c.seed()),
                DataType.FLOAT, false);
        for (String n : m.graph().parameterNames()) withVocab.graph().setParameter(n, m.graph().parameter(n));
        Path ck = dir.resolve("ck");
        Checkpoint.write(ck, withVocab, null);
        Files.delete(textDir.resolve("vocab.txt"));
        return ck;
    }

    @Test
    void textAndAudioEmbeddingsMatchTheJointModel() throws Exception {
        AubertModel m = AubertModel.create(TinyAubert.config(0.0), DataType.FLOAT, false);
        TinyAubert.randomise(m.graph(), 3);
        AubertEmbedder e = AubertEmbedder.load(checkpoint(m));

        String context = "the master key was found by a boy in the electricity house.";
        int start = context.indexOf("electricity");
        float[] text = e.embedText(context, start, start + "electricity".length());
        // [CLS] the master key was found by a boy in the electric ##ity house . [SEP] (16 = all positions): span = tokens 11..12
        long[] ids = {2, 5, 6, 7, 8, 9, 10, 11, 12, 15, 5, 17, 18, 16, 20, 3};
        float[] wave = new float[400];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (int i = 0; i < wave.length; i++) wave[i] = (float) (3 + 2 * rng.nextGaussian());
        float[] audio = e.embedAudio(wave);
        float[] normalised = new FeatureExtractor(FeatureExtractorConfig.DEFAULT).normalize(wave);
        Batch b = Batch.of(Nd4j.createFromArray(new long[][]{ids}), null, new long[]{11}, new long[]{13},
                Nd4j.createFromArray(new float[][]{normalised}), null);
        AubertModel.Output o = e.model().forward(b);
        assertArrayEquals(o.textEmbedding().reshape(-1).toFloatVector(), text, 1e-6f);
        assertArrayEquals(o.audioEmbedding().reshape(-1).toFloatVector(), audio, 1e-6f);
        // The same span with a partial word selected covers the same tokens.
        assertArrayEquals(text, e.embedText(context, start + 2, start + 10), 0f);
        // A context longer than the 16 positions is cut to a window around the span instead of failing.
        String longer = "rob " + context + " the key was found.";
        int s2 = longer.indexOf("electricity");
        assertTrue(e.embedText(longer, s2, s2 + 11).length == text.length);
    }

    @Test
    void badSpansAreRefused() throws Exception {
        AubertModel m = AubertModel.create(TinyAubert.config(0.0), DataType.FLOAT, false);
        AubertEmbedder e = AubertEmbedder.load(checkpoint(m));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.embedText("the key", 3, 50));
        assertTrue(x.getMessage().contains("outside"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.embedText("the  key", 3, 4));
        assertTrue(x.getMessage().contains("no token"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.embedAudio(new float[3]));
        assertTrue(x.getMessage().contains("too few"), x.getMessage());
    }
}
