package org.aubert.data.align;

import java.util.Arrays;

/**
 * Per-frame CTC scores, row-major {@code [frames, vocab]}: {@code values[t * vocab + v]}. The aligner expects
 * log-probabilities ({@link #logSoftmax} turns model logits into them). The array is not copied.
 */
public record Emissions(float[] values, int frames, int vocab) {

    public Emissions {
        if (frames < 0 || vocab <= 0) throw new IllegalArgumentException("emissions need frames >= 0 and vocab > 0, got " + frames + " x " + vocab);
        if ((long) frames * vocab != values.length) {
            throw new IllegalArgumentException("emissions of " + frames + " x " + vocab + " need " + (long) frames * vocab
                    + " values, got " + values.length);
        }
    }

    /** From a {@code [frames][vocab]} array (copied). */
    public static Emissions of(float[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("no frames");
        int v = rows[0].length;
        float[] out = new float[rows.length * v];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != v) throw new IllegalArgumentException("frame " + t + " has " + rows[t].length + " values, frame 0 has " + v);
            System.arraycopy(rows[t], 0, out, t * v, v);
        }
        return new Emissions(out, rows.length, v);
    }

    public float get(int frame, int token) { return values[frame * vocab + token]; }

    /** Frames {@code [from, to)} as a new object. */
    public Emissions slice(int from, int to) {
        if (from < 0 || to > frames || from > to) throw new IllegalArgumentException("slice [" + from + ", " + to + ") of " + frames + " frames");
        return new Emissions(Arrays.copyOfRange(values, from * vocab, to * vocab), to - from, vocab);
    }

    /** Log-softmax over the vocabulary of every frame (a new object), computed stably in double. */
    public Emissions logSoftmax() {
        float[] out = new float[values.length];
        for (int t = 0; t < frames; t++) {
            int row = t * vocab;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) max = Math.max(max, values[row + v]);
            double sum = 0;
            for (int v = 0; v < vocab; v++) sum += Math.exp(values[row + v] - max);
            double lse = max + Math.log(sum);
            for (int v = 0; v < vocab; v++) out[row + v] = (float) (values[row + v] - lse);
        }
        return new Emissions(out, frames, vocab);
    }
}
