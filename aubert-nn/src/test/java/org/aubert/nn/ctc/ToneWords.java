package org.aubert.nn.ctc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.aubert.core.config.Activation;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.tokenize.CtcTokenizer;

/**
 * A toy speech task: the "letters" a, b, c are tones of 600, 1500 and 3200 Hz (25 ms, random amplitude and +-3 %
 * pitch), separated by 10-20 ms of silence; an utterance spells 2-4 random letters. A model that hears the tones
 * transcribes them; chance CER is far above 0.2.
 */
final class ToneWords {
    static final double[] HZ = {600, 1500, 3200};
    static final int RATE = 16000;

    private ToneWords() {}

    /** A 1-layer, hidden-16 HuBERT with an 80-sample frame (strides 10 and 8), no dropout. */
    static Wav2Vec2Config config(int vocab) {
        return new Wav2Vec2Config(Wav2Vec2Config.ModelType.HUBERT, vocab, 16, 1, 2, 32, Activation.GELU,
                0.0, 0.0, 0.0, 0.0, true, 0.0, 0.0, 0.02, 1e-5, Wav2Vec2Config.FeatureNorm.GROUP, Activation.GELU,
                new int[]{16, 16}, new int[]{10, 8}, new int[]{20, 8}, false, 4, 2, false, 0.05, 10, 0);
    }

    static List<CtcTrainingData.Utterance> utterances(int n, long seed, CtcTokenizer tokenizer) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<CtcTrainingData.Utterance> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int letters = 2 + rng.nextInt(3);
            StringBuilder text = new StringBuilder();
            List<Float> s = new ArrayList<>();
            silence(s, 160 + rng.nextInt(160));
            for (int l = 0; l < letters; l++) {
                int k = rng.nextInt(3);
                text.append((char) ('a' + k));
                double hz = HZ[k] * (0.97 + 0.06 * rng.nextDouble());
                double amp = 0.3 + 0.7 * rng.nextDouble();
                double phase = rng.nextDouble() * 2 * Math.PI;
                for (int i = 0; i < 400; i++) s.add((float) (amp * Math.sin(phase + 2 * Math.PI * hz * i / RATE)));
                silence(s, 160 + rng.nextInt(160));
            }
            float[] samples = new float[s.size()];
            for (int i = 0; i < samples.length; i++) samples[i] = s.get(i) + (float) (0.01 * rng.nextGaussian());
            String t = text.toString();
            out.add(new CtcTrainingData.Utterance("u" + u, normalise(samples), tokenizer.encode(t), t));
        }
        return out;
    }

    private static void silence(List<Float> s, int n) { for (int i = 0; i < n; i++) s.add(0f); }

    private static float[] normalise(float[] x) {
        double mean = 0;
        for (float v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (float v : x) var += (v - mean) * (v - mean);
        double std = Math.sqrt(var / x.length + 1e-7);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) ((x[i] - mean) / std);
        return out;
    }
}
