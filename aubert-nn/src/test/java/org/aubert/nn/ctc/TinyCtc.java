package org.aubert.nn.ctc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.config.Activation;
import org.aubert.core.config.Wav2Vec2Config;

/** A tiny HuBERT CTC config, a 7-token vocabulary folder and padded batches for the CTC tests. */
final class TinyCtc {
    /** <pad> <s> </s> <unk> | a b */
    static final int VOCAB = 7;

    private TinyCtc() {}

    static Wav2Vec2Config config(double dropout, boolean layerStyle) {
        return new Wav2Vec2Config(Wav2Vec2Config.ModelType.HUBERT, VOCAB, 8, 1, 2, 12, Activation.GELU,
                dropout, dropout, dropout, dropout, true, dropout, 0.0, 0.5, 1e-5,
                layerStyle ? Wav2Vec2Config.FeatureNorm.LAYER : Wav2Vec2Config.FeatureNorm.GROUP, Activation.GELU,
                new int[]{6, 5}, new int[]{2, 2}, new int[]{4, 3}, true, 3, 2, layerStyle, 0.05, 10, 0);
    }

    static Path vocabDir(Path dir) throws IOException {
        return CtcVocabFiles.write(dir, CtcVocabFiles.tokensOf(List.of("ab ba")));
    }

    /** Two utterances of 400 and 300 random samples; targets "ab a" and "bb". */
    static CtcBatch batch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] v = new double[2][400];
        int[][] m = new int[2][400];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < (b == 0 ? 400 : 300); i++) {
                v[b][i] = rng.nextGaussian();
                m[b][i] = 1;
            }
        }
        return new CtcBatch(Nd4j.createFromArray(v).castTo(DataType.FLOAT), Nd4j.createFromArray(m),
                new int[][]{{5, 6, 4, 5}, {6, 6}}, List.of("ab a", "bb"));
    }
}
