package org.aubert.data.align;

import org.aubert.core.config.Wav2Vec2Config;

/**
 * Where the frames of a wav2vec2 / HuBERT conv stack sit in the audio, from the model config's
 * {@code conv_kernel} and {@code conv_stride}.
 *
 * <p>The stride {@code S} is the product of the conv strides (5·2·2·2·2·2·2 = 320 samples = 20 ms at 16 kHz for
 * the standard stack). Frame {@code t} is computed from the samples {@code [t·S, t·S + R)}, where the receptive
 * field {@code R = 1 + Σ_i (k_i − 1)·Π_{j<i} s_j} is 400 samples (25 ms) for the standard stack. The number of
 * frames of {@code n} samples is {@code floor((n − R) / S) + 1} (the per-layer floors of HF compose to exactly this).
 *
 * <p>Time convention (used by every word time): frame {@code t} stands for the {@code S} samples centred in its
 * receptive field, {@code [t·S + (R−S)/2, (t+1)·S + (R−S)/2)}; for the standard stack frame t covers
 * {@code [20t + 2.5, 20t + 22.5)} ms. Consecutive frames tile the audio without gaps or overlaps, so a span of
 * frames {@code [a, b)} covers {@code [startMs(a), startMs(b))} and adjacent spans share their boundary. The last
 * frame ends at or before the end of the audio (since {@code R >= S}). The transformer layers see the whole
 * input, but each frame's features come from its own conv receptive field, which is why its centre is used.
 */
public record FrameGeometry(int[] kernels, int[] strides, int sampleRate) {

    public FrameGeometry {
        if (kernels.length == 0 || kernels.length != strides.length) {
            throw new IllegalArgumentException("need as many conv kernels as strides (and at least one), got "
                    + kernels.length + " and " + strides.length);
        }
        for (int i = 0; i < kernels.length; i++) {
            if (kernels[i] <= 0 || strides[i] <= 0) throw new IllegalArgumentException("conv layer " + i + ": kernel and stride must be positive");
        }
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        kernels = kernels.clone();
        strides = strides.clone();
    }

    /** The geometry of a model's conv stack at {@code sampleRate} (the feature extractor's sampling_rate). */
    public static FrameGeometry of(Wav2Vec2Config config, int sampleRate) {
        return new FrameGeometry(config.convKernel(), config.convStride(), sampleRate);
    }

    @Override public int[] kernels() { return kernels.clone(); }
    @Override public int[] strides() { return strides.clone(); }

    /** Samples between consecutive frames: the product of the conv strides. */
    public int strideSamples() {
        int s = 1;
        for (int x : strides) s = Math.multiplyExact(s, x);
        return s;
    }

    /** Samples that one frame sees through the conv stack. */
    public int receptiveField() {
        long r = 1;
        long jump = 1;
        for (int i = 0; i < kernels.length; i++) {
            r += (kernels[i] - 1) * jump;
            jump *= strides[i];
        }
        return Math.toIntExact(r);
    }

    /** Frames of {@code samples} input samples (0 when shorter than the receptive field). */
    public int frames(long samples) {
        long len = samples;
        for (int i = 0; i < kernels.length; i++) len = len < kernels[i] ? 0 : (len - kernels[i]) / strides[i] + 1;
        return Math.toIntExact(len);
    }

    /** Milliseconds between consecutive frames (20.0 for the standard stack at 16 kHz). */
    public double frameMs() { return strideSamples() * 1000.0 / sampleRate; }

    /** Start of frame {@code t} (or end of frame {@code t-1}) in milliseconds, see the class comment. */
    public double frameStartMs(int t) {
        return (t * (double) strideSamples() + (receptiveField() - strideSamples()) / 2.0) * 1000.0 / sampleRate;
    }

    /** The time (ms) of a fractional frame position, on the same convention as {@link #frameStartMs}. */
    public double timeMsAt(double frame) {
        return (frame * strideSamples() + (receptiveField() - strideSamples()) / 2.0) * 1000.0 / sampleRate;
    }

    /** {@link #frameStartMs} rounded half-up to whole milliseconds (what alignment JSON stores). */
    public long boundaryMs(int t) { return (long) Math.floor(frameStartMs(t) + 0.5); }
}
