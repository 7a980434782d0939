package org.aubert.nn.train;

import java.util.SplittableRandom;

import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.aubert.Batch;
import org.aubert.nn.aubert.BatchSource;

/**
 * A learnable stand-in for AuBERT's task. Every example of a batch is a context of filler words holding a recurring
 * word (token 2) and a cue word (tokens 3..3+B-1, all different within a batch) under the span; the "audio" is a noisy
 * tone whose period is a function of the cue. The model must tie the span's word to the pitch of its tone. With
 * {@code shuffled}, the periods are drawn independently of the cues: nothing links text and audio, and a model must
 * stay at chance.
 *
 * <p>Measured: with the cue elsewhere in the context (so that only attention could carry it to the span), the tiny
 * one-layer encoders stayed at chance for 200 steps (lr 3e-3 to 1e-2, either scorer), so the cue sits under the span.
 *
 * <p>Each pass ({@link #reset}) draws {@code batchesPerEpoch} fresh batches from (source seed, pass seed), so a
 * training run sees new data every epoch and an evaluation source (always reset with the same seed) the same data.
 */
final class SyntheticProsodyTask implements BatchSource {
    static final int TARGET = 2;
    static final int FIRST_CUE = 3;
    static final int FIRST_FILLER = 11;
    static final int TOKENS = 8;
    static final int SAMPLES = 160;
    private static final int[] PERIODS = {3, 4, 5, 6, 8, 10, 13, 16};

    private final int batchSize;
    private final int batchesPerEpoch;
    private final long seed;
    private final boolean shuffled;
    private SplittableRandom rng;
    private int produced;

    SyntheticProsodyTask(int batchSize, int batchesPerEpoch, long seed, boolean shuffled) {
        if (batchSize > PERIODS.length) throw new IllegalArgumentException("at most " + PERIODS.length + " cues");
        this.batchSize = batchSize;
        this.batchesPerEpoch = batchesPerEpoch;
        this.seed = seed;
        this.shuffled = shuffled;
        reset(0);
    }

    @Override
    public void reset(long passSeed) {
        rng = new SplittableRandom(seed * 31 + passSeed);
        produced = 0;
    }

    @Override
    public boolean hasNext() { return produced < batchesPerEpoch; }

    @Override
    public Batch next() {
        if (!hasNext()) throw new java.util.NoSuchElementException();
        produced++;
        int b = batchSize;
        int[] cues = permutation(b);
        int[] periods = shuffled ? permutation(b) : cues;
        long[][] ids = new long[b][TOKENS];
        long[] start = new long[b];
        long[] end = new long[b];
        float[][] audio = new float[b][SAMPLES];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < TOKENS; t++) ids[i][t] = FIRST_FILLER + rng.nextInt(12);
            int targetPos = rng.nextInt(TOKENS);
            int cuePos = (targetPos + 1 + rng.nextInt(TOKENS - 1)) % TOKENS;
            ids[i][targetPos] = TARGET;
            ids[i][cuePos] = FIRST_CUE + cues[i];
            start[i] = cuePos;
            end[i] = cuePos + 1;
            double period = PERIODS[periods[i]];
            double phase = rng.nextDouble() * 2 * Math.PI;
            for (int s = 0; s < SAMPLES; s++) {
                audio[i][s] = (float) (Math.sin(2 * Math.PI * s / period + phase) + 0.1 * rng.nextGaussian());
            }
        }
        return Batch.of(Nd4j.createFromArray(ids), null, start, end, Nd4j.createFromArray(audio), null);
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
