package org.aubert.core.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.aubert.core.tensor.Tensor;

/**
 * The Hugging Face {@code Wav2Vec2FeatureExtractor} (also used by HuBERT): per-utterance zero-mean,
 * unit-variance normalisation {@code (x - mean) / sqrt(var + 1e-7)} in float32, and right padding.
 *
 * <p>It reproduces an HF quirk on purpose, because checkpoints were trained with it: with
 * {@code return_attention_mask=false} HF pads first and then normalises each padded row over its whole
 * length, so padding is included in the statistics and becomes {@code -mean/std}. With
 * {@code return_attention_mask=true} the statistics cover the real samples only and padding keeps
 * {@code padding_value}. Input must already be mono at {@code samplingRate} (see {@link AudioReader#load}).
 */
public final class FeatureExtractor {
    private static final double EPS = 1e-7;

    private final FeatureExtractorConfig config;

    public FeatureExtractor(FeatureExtractorConfig config) {
        this.config = config;
    }

    /** Reads {@code preprocessor_config.json} (or a model folder holding it). */
    public static FeatureExtractor load(Path fileOrDir) throws IOException {
        return new FeatureExtractor(FeatureExtractorConfig.read(fileOrDir));
    }

    public FeatureExtractorConfig config() { return config; }

    /** One utterance, normalised when the config says so (a copy either way). */
    public float[] normalize(float[] x) {
        float[] out = x.clone();
        if (config.doNormalize()) {
            if (x.length == 0) throw new IllegalArgumentException("cannot normalise an empty utterance");
            normalizeInPlace(out, 0, x.length);
        }
        return out;
    }

    /** A right-padded batch of utterances, with HF's normalisation semantics described above. */
    public BatchFeatures extract(List<float[]> utterances) {
        if (utterances.isEmpty()) throw new IllegalArgumentException("empty batch");
        int b = utterances.size();
        int t = 0;
        for (int i = 0; i < b; i++) {
            if (utterances.get(i).length == 0) throw new IllegalArgumentException("utterance " + i + " of the batch is empty");
            t = Math.max(t, utterances.get(i).length);
        }
        if ((long) b * t > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("batch of " + b + " x " + t + " is too large");
        float[] values = new float[b * t];
        int[] mask = new int[b * t];
        for (int i = 0; i < b; i++) {
            float[] x = utterances.get(i);
            int row = i * t;
            System.arraycopy(x, 0, values, row, x.length);
            Arrays.fill(values, row + x.length, row + t, config.paddingValue());
            Arrays.fill(mask, row, row + x.length, 1);
            // With a mask only the real samples are normalised and padding keeps padding_value;
            // without one the whole padded row is, padding included (the HF quirk).
            if (config.doNormalize()) normalizeInPlace(values, row, config.returnAttentionMask() ? x.length : t);
        }
        long[] shape = {b, t};
        return new BatchFeatures(Tensor.ofFloats(shape, values), Tensor.ofInts(shape, mask));
    }

    /** Normalises {@code a[off, off+n)} by its own mean and population variance. */
    private static void normalizeInPlace(float[] a, int off, int n) {
        float mean = NumpyFloat32.mean(a, off, n);
        float var = NumpyFloat32.variance(a, off, n);
        // NumPy 1.x promotes the float32 scalar var() + 1e-7 to float64 and the division casts the root back
        // to float32; the reference fixtures were made that way (NumPy 2 stays in float32: at most 1 ulp apart).
        float std = (float) Math.sqrt(var + EPS);
        for (int i = off; i < off + n; i++) a[i] = (a[i] - mean) / std;
    }
}
