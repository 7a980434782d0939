package org.aubert.core.audio;

/** Float to 16-bit integer conversion shared by the writers. */
final class Pcm {
    private Pcm() {}

    /** {@code rint(x * 32768)} clamped to the int16 range; the inverse of reading {@code s / 32768f}. */
    static short toInt16(float x) {
        double v = Math.rint(x * 32768.0);
        if (v >= 32767) return 32767;
        if (v <= -32768) return -32768;
        return (short) v;
    }

    /** All channels as int16; NaN is refused because no integer sample could stand for it. */
    static short[][] toInt16(Audio audio) {
        float[][] ch = audio.channels();
        short[][] out = new short[ch.length][];
        for (int c = 0; c < ch.length; c++) {
            float[] x = ch[c];
            short[] s = new short[x.length];
            for (int i = 0; i < x.length; i++) {
                if (Float.isNaN(x[i])) throw new IllegalArgumentException("sample " + i + " of channel " + c + " is NaN");
                s[i] = toInt16(x[i]);
            }
            out[c] = s;
        }
        return out;
    }
}
