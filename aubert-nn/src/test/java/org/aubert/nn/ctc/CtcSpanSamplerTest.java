package org.aubert.nn.ctc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.audio.WavEncoding;
import org.aubert.core.tokenize.CtcTokenizer;

/** Spans redrawn per epoch from the seed, covering every word once, with speed and noise perturbation. */
class CtcSpanSamplerTest {
    @TempDir Path dir;

    /** A 4 s file of ten words "a b ab ba a b ab ba a b" of 200 ms with 100 ms pauses, from 500 ms on. */
    private Path corpus(String extraTruth) throws Exception {
        Path c = dir.resolve("corpus");
        Files.createDirectories(c.resolve("audio/9001/740"));
        float[] x = new float[64000];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.3 * Math.sin(i * 0.05));
        AudioWriter.writeWav(c.resolve("audio/9001/740/a.wav"), Audio.mono(x, 16000), WavEncoding.PCM_16);
        String[] w = {"a", "b", "ab", "ba", "a", "b", "ab", "ba", "a", "b"};
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            words.append(i == 0 ? "" : ", ").append("[\"").append(w[i]).append("\", 0, 0, ").append(500 + 300 * i).append(", ").append(700 + 300 * i).append(']');
        }
        Files.writeString(c.resolve("truth.json"), "{\"utterances\": [{\"fname\": \"9001/740/a.wav\", \"utterance\": \"x\", \"words\": [" + words + "]}"
                + extraTruth + "]}");
        Files.writeString(c.resolve("split.json"), "{\"train\": [\"9001/740/a.wav\", \"9001/740/b.wav\"], \"held_out\": []}");
        return c;
    }

    private CtcSpanSampler sampler(Path c, CtcSpanSampler.Augmentation aug) throws Exception {
        CtcTokenizer tok = CtcTokenizer.load(TinyCtc.vocabDir(dir.resolve("vocab")));
        return CtcSpanSampler.fromCorpus(c, new FeatureExtractor(FeatureExtractorConfig.DEFAULT), tok, TinyCtc.config(0, false), 2, aug);
    }

    private static List<String> epoch(CtcSpanSampler s, long seed) {
        s.reset(seed);
        List<String> out = new ArrayList<>();
        while (s.hasNext()) {
            CtcBatch b = s.next();
            assertEquals(0, b.inputValues().size(1) % CtcSpanSampler.PAD_MULTIPLE, "padded to a quarter second");
            out.add(b.transcripts() + "/" + b.inputValues().size(1) + "/" + b.inputValues().sumNumber());
        }
        return out;
    }

    @Test
    void everyEpochCoversEveryWordOnceInSpansDrawnFromItsSeed() throws Exception {
        Path c = corpus(", {\"fname\": \"9001/740/b.wav\", \"utterance\": \"y\", \"words\": [[\"b\", 0, 1, 300, 200]]}");
        CtcSpanSampler.Augmentation aug = CtcSpanSampler.Augmentation.DEFAULT.withWords(2, 4).withSpeed(0.8, 1.25);
        CtcSpanSampler s = sampler(c, aug);
        assertEquals(1, s.recordings().size());
        assertEquals(1, s.errors().size(), "the word ending before it starts is reported: " + s.errors());
        assertTrue(s.errors().get(0).contains("9001/740/b.wav word 0"), s.errors().get(0));

        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            List<CtcTrainingData.Utterance> spans = s.draw(s.recordings().get(0), rng);
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < spans.size(); i++) {
                CtcTrainingData.Utterance u = spans.get(i);
                int words = u.transcript().split(" ").length;
                assertTrue(words <= 4 && (i == 0 || i == spans.size() - 1 || words >= 2), "span length in range: " + u.transcript());
                long[] ms = java.util.Arrays.stream(u.id().substring(u.id().indexOf('@') + 1).split("-")).mapToLong(Long::parseLong).toArray();
                // the words take 300 ms each less the last pause; margins add at most the 100 ms pause each side,
                // 400 ms (the cap) before the first word and after the last
                long wordsMs = 300L * words - 100;
                long maxMargins = (i == 0 ? 400 : 100) + (i == spans.size() - 1 ? 400 : 100);
                assertTrue(ms[1] - ms[0] >= wordsMs && ms[1] - ms[0] <= wordsMs + maxMargins, u.id());
                double speed = (ms[1] - ms[0]) * 16.0 / u.samples().length;
                assertTrue(speed > 0.79 && speed < 1.26, "speed within range: " + speed);
                all.append(all.length() == 0 ? "" : " ").append(u.transcript());
            }
            assertEquals("a b ab ba a b ab ba a b", all.toString(), "each word exactly once, in order");
        }

        List<String> e1 = epoch(s, 11);
        assertEquals(e1, epoch(s, 11), "same seed, same batches");
        assertNotEquals(e1, epoch(s, 12), "another epoch, other spans");
    }

    @Test
    void resamplesByLinearInterpolationAndAddsNoiseAtTheAskedRatio() throws Exception {
        float[] ramp = {0, 1, 2, 3, 4, 5, 6, 7};
        assertArrayEquals(new float[]{1, 3, 5}, CtcSpanSampler.resample(ramp, 1, 7, 2.0), "twice as fast keeps every other sample");
        assertArrayEquals(new float[]{1, 1.5f, 2, 2}, CtcSpanSampler.resample(ramp, 1, 3, 0.5), "half speed interpolates, never reading past the span");

        float[] x = new float[100_000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.01);
        float[] noisy = x.clone();
        CtcSpanSampler.addNoise(noisy, 20, new SplittableRandom(1));
        double signal = 0, noise = 0;
        for (int i = 0; i < x.length; i++) {
            signal += x[i] * (double) x[i];
            noise += (noisy[i] - x[i]) * (double) (noisy[i] - x[i]);
        }
        assertEquals(20, 10 * Math.log10(signal / noise), 0.1, "SNR in dB");
        float[] silence = new float[10];
        CtcSpanSampler.addNoise(silence, 20, new SplittableRandom(1));
        assertArrayEquals(new float[10], silence, "silence stays silent");
    }

    @Test
    void badSettingsAndCorporaWithoutWordTimesAreRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> CtcSpanSampler.Augmentation.DEFAULT.withWords(3, 2));
        assertThrows(IllegalArgumentException.class, () -> CtcSpanSampler.Augmentation.DEFAULT.withSpeed(0, 1));
        assertThrows(IllegalArgumentException.class, () -> CtcSpanSampler.Augmentation.DEFAULT.withNoise(1.5, 10, 20));
        Path c = dir.resolve("empty");
        Files.createDirectories(c);
        Files.writeString(c.resolve("truth.json"), "{\"utterances\": [{\"fname\": \"a.wav\", \"utterance\": \"a\"}]}");
        Files.writeString(c.resolve("split.json"), "{\"train\": [\"a.wav\"], \"held_out\": []}");
        var e = assertThrows(java.io.IOException.class, () -> sampler(c, CtcSpanSampler.Augmentation.DEFAULT));
        assertTrue(e.getMessage().contains("a.wav has no words"), e.getMessage());
    }
}
