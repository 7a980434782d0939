package org.aubert.data.shard;

/**
 * One occurrence of an n-gram: its text context (a window of the book around it), the n-gram's character span
 * {@code [charStart, charEnd)} in that context (UTF-16 indices, as Java strings), where the audio came from, and the
 * audio segment itself as 16-bit PCM samples.
 */
public record ShardInstance(String context, int charStart, int charEnd, String source, long audioStartMs,
                            long audioEndMs, short[] samples) {
    public ShardInstance {
        if (charStart < 0 || charEnd > context.length() || charStart >= charEnd) {
            throw new IllegalArgumentException("span [" + charStart + ", " + charEnd + ") is empty or outside the context of "
                    + context.length() + " characters");
        }
        if (samples.length == 0) throw new IllegalArgumentException("no audio samples for '" + context.substring(charStart, charEnd) + "'");
    }

    /** The n-gram as written in the context. */
    public String spanText() { return context.substring(charStart, charEnd); }

    /** The samples scaled to [-1, 1). */
    public float[] floatSamples() {
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) f[i] = samples[i] / 32768f;
        return f;
    }

    /** Rounds [-1, 1] samples to 16-bit PCM (clipping outside). */
    public static short[] toPcm16(float[] x, int from, int to) {
        short[] s = new short[to - from];
        for (int i = from; i < to; i++) {
            s[i - from] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768.0)));
        }
        return s;
    }
}
