package org.aubert.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.aubert.core.tensor.DType;
import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces the Wav2Vec2FeatureExtractor fixtures (made with transformers and NumPy; see the oracle
 * README, "Audio input conventions"). numpy_*_1000.npy were made with NumPy 2.4 as
 * {@code (x - x.mean()) / np.float32(np.sqrt(np.float64(x.var()) + 1e-7))} for float32 x (what NumPy 1.x,
 * like the reference fixtures, evaluates), to pin the summation order on a longer, odd length.
 */
class FeatureExtractorTest {
    private static final float TOL = 1e-6f;

    @TempDir Path tmp;

    static float[] fixture(String name) throws IOException {
        return load(name).toFloatArray();
    }

    static Tensor load(String name) throws IOException {
        try (InputStream in = FeatureExtractorTest.class.getResourceAsStream("/audio/feature_extractor/" + name + ".npy")) {
            if (in == null) throw new IOException("missing test resource " + name);
            return Npy.read(in, name);
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length, "lengths");
        float m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void singleUtterancesMatchHuggingFace() throws IOException {
        FeatureExtractor fe = new FeatureExtractor(FeatureExtractorConfig.DEFAULT);
        float ea = maxAbsDiff(fe.normalize(fixture("raw_a")), fixture("normalized_a"));
        float eb = maxAbsDiff(fe.normalize(fixture("raw_b")), fixture("normalized_b"));
        float en = maxAbsDiff(fe.normalize(fixture("numpy_x_1000")), fixture("numpy_normalized_1000"));
        System.out.printf("feature extractor single: max |diff| a=%g b=%g numpy1000=%g%n", ea, eb, en);
        assertTrue(ea <= TOL && eb <= TOL && en <= TOL, "max abs diff a=" + ea + " b=" + eb + " n1000=" + en);
    }

    @Test
    void batchWithAttentionMaskNormalisesValidSamplesOnly() throws IOException {
        BatchFeatures f = new FeatureExtractor(new FeatureExtractorConfig(true, true, 0f, 16000))
                .extract(List.of(fixture("raw_a"), fixture("raw_b")));
        assertArrayEquals(new long[] {2, 400}, f.inputValues().shape());
        assertEquals(DType.I32, f.attentionMask().dtype());
        assertArrayEquals(load("padded_attention_mask").toLongArray(), f.attentionMask().toLongArray());
        float e = maxAbsDiff(f.inputValues().toFloatArray(), fixture("padded_normalized_return_attention_mask_true"));
        System.out.printf("feature extractor batch, return_attention_mask=true: max |diff| = %g%n", e);
        assertTrue(e <= TOL, "max abs diff " + e);
        assertEquals(0f, f.inputValues().toFloatArray()[799], "padding keeps padding_value");
    }

    @Test
    void batchWithoutAttentionMaskNormalisesPaddedRows() throws IOException {
        BatchFeatures f = new FeatureExtractor(FeatureExtractorConfig.DEFAULT).extract(List.of(fixture("raw_a"), fixture("raw_b")));
        float[] got = f.inputValues().toFloatArray();
        float e = maxAbsDiff(got, fixture("padded_normalized_return_attention_mask_false"));
        System.out.printf("feature extractor batch, return_attention_mask=false: max |diff| = %g%n", e);
        assertTrue(e <= TOL, "max abs diff " + e);
        // The HF quirk: padding becomes -mean/std of the padded row, not zero.
        assertEquals(0.46146402f, got[799], 1e-6f);
    }

    @Test
    void withoutNormalisationOnlyPads() throws IOException {
        BatchFeatures f = new FeatureExtractor(new FeatureExtractorConfig(false, false, 0f, 16000))
                .extract(List.of(fixture("raw_a"), fixture("raw_b")));
        assertArrayEquals(fixture("padded_raw"), f.inputValues().toFloatArray());
        assertEquals(2, f.batchSize());
        assertEquals(400, f.length());
    }

    @Test
    void paddingValueIsUsedForPaddedSamples() {
        BatchFeatures f = new FeatureExtractor(new FeatureExtractorConfig(false, true, -2f, 16000))
                .extract(List.of(new float[] {1, 2, 3}, new float[] {4}));
        assertArrayEquals(new float[] {1, 2, 3, 4, -2, -2}, f.inputValues().toFloatArray());
        assertArrayEquals(new long[] {1, 1, 1, 1, 0, 0}, f.attentionMask().toLongArray());
    }

    @Test
    void readsPreprocessorConfigWithDefaults() throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"do_normalize": false, "feature_extractor_type": "Wav2Vec2FeatureExtractor",
                 "feature_size": 1, "padding_side": "right", "padding_value": 0.5,
                 "return_attention_mask": true, "sampling_rate": 8000}""");
        FeatureExtractorConfig c = FeatureExtractor.load(dir).config();
        assertEquals(new FeatureExtractorConfig(false, true, 0.5f, 8000), c);

        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, "{}");
        assertEquals(FeatureExtractorConfig.DEFAULT, FeatureExtractorConfig.read(empty));
        assertTrue(FeatureExtractorConfig.DEFAULT.doNormalize());
        assertFalse(FeatureExtractorConfig.DEFAULT.returnAttentionMask());
    }

    @Test
    void badConfigNamesTheFile() throws IOException {
        Path bad = tmp.resolve("preprocessor_config.json");
        Files.writeString(bad, "{\"do_normalize\": \"yes\"}");
        IOException e = assertThrows(IOException.class, () -> FeatureExtractorConfig.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("do_normalize"), e.getMessage());

        Files.writeString(bad, "{\"sampling_rate\": 16000.5}");
        e = assertThrows(IOException.class, () -> FeatureExtractorConfig.read(bad));
        assertTrue(e.getMessage().contains("sampling_rate should be an integer"), e.getMessage());

        Files.writeString(bad, "{\"do_normalize\": tru");
        e = assertThrows(IOException.class, () -> FeatureExtractorConfig.read(bad));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        Files.writeString(bad, "{\"feature_extractor_type\": \"WhisperFeatureExtractor\"}");
        e = assertThrows(IOException.class, () -> FeatureExtractorConfig.read(bad));
        assertTrue(e.getMessage().contains("WhisperFeatureExtractor"), e.getMessage());
    }

    @Test
    void emptyInputIsRefused() {
        FeatureExtractor fe = new FeatureExtractor(FeatureExtractorConfig.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> fe.extract(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fe.extract(List.of(new float[] {1}, new float[0])));
        assertTrue(e.getMessage().contains("utterance 1"), e.getMessage());
    }
}
