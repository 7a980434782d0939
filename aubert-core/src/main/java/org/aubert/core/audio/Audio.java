package org.aubert.core.audio;

/**
 * Decoded audio: one float array per channel, all of the same length, and the sample rate in Hz.
 *
 * <p>Integer PCM is scaled to [-1, 1) (16-bit: {@code s / 32768f}); float files are passed through unclipped.
 * The arrays are not copied (audio can be hundreds of megabytes), so treat them as owned by this record.
 */
public record Audio(float[][] channels, int sampleRate) {

    public Audio {
        if (channels == null || channels.length == 0) throw new IllegalArgumentException("audio needs at least one channel");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        int n = channels[0].length;
        for (int c = 1; c < channels.length; c++) {
            if (channels[c].length != n) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " samples but channel 0 has " + n);
            }
        }
    }

    public static Audio mono(float[] samples, int sampleRate) {
        return new Audio(new float[][] {samples}, sampleRate);
    }

    public int channelCount() { return channels.length; }

    /** Samples per channel. */
    public int frameCount() { return channels[0].length; }

    public double durationSeconds() { return frameCount() / (double) sampleRate; }

    /** The samples of mono audio; refuses multi-channel audio rather than guessing a channel. */
    public float[] samples() {
        if (channels.length != 1) {
            throw new IllegalStateException("audio has " + channels.length + " channels; call downmix() first");
        }
        return channels[0];
    }

    /** Mono audio whose samples are the average of the channels; mono audio is returned as is. */
    public Audio downmix() {
        if (channels.length == 1) return this;
        int n = frameCount();
        float[] out = new float[n];
        // Accumulate in double so that the float result is the correctly rounded average.
        double k = channels.length;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float[] ch : channels) s += ch[i];
            out[i] = (float) (s / k);
        }
        return mono(out, sampleRate);
    }
}
