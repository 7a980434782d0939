package org.aubert.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Measures the resampler on pure tones: a least-squares sinusoid fit over the steady-state middle of the
 * output gives the tone's amplitude, and what the fit leaves over is every alias, image and rounding error.
 */
class ResamplerTest {
    private static final double AMPLITUDE = 0.5;
    private static final int EDGE = 1000; // output samples skipped at each end (well past the filter length)

    static float[] tone(double freq, int rate, double seconds) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * freq * i / rate + 0.3));
        return x;
    }

    /** Least-squares fit of a·cos + b·sin + c at one frequency: {amplitude, rms of the residual}. */
    static double[] fit(float[] y, double freq, int rate) {
        double w = 2 * Math.PI * freq / rate;
        double[][] m = new double[3][3];
        double[] v = new double[3];
        for (int i = EDGE; i < y.length - EDGE; i++) {
            double[] basis = {Math.cos(w * i), Math.sin(w * i), 1};
            for (int r = 0; r < 3; r++) {
                v[r] += basis[r] * y[i];
                for (int c = 0; c < 3; c++) m[r][c] += basis[r] * basis[c];
            }
        }
        double[] coef = solve3(m, v);
        double sq = 0;
        int n = 0;
        for (int i = EDGE; i < y.length - EDGE; i++, n++) {
            double e = y[i] - (coef[0] * Math.cos(w * i) + coef[1] * Math.sin(w * i) + coef[2]);
            sq += e * e;
        }
        return new double[] {Math.hypot(coef[0], coef[1]), Math.sqrt(sq / n)};
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] t = new double[3][];
            for (int r = 0; r < 3; r++) {
                t[r] = a[r].clone();
                t[r][k] = b[r];
            }
            x[k] = det3(t) / det;
        }
        return x;
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    /** Power of an rms value relative to the input tone, in dB. */
    static double dbRelTone(double rms) {
        return 20 * Math.log10(rms * Math.sqrt(2) / AMPLITUDE);
    }

    static double rms(float[] y) {
        double s = 0;
        for (int i = EDGE; i < y.length - EDGE; i++) s += (double) y[i] * y[i];
        return Math.sqrt(s / (y.length - 2 * EDGE));
    }

    @Test
    void downsampling44kTo16kKeepsA1kHzToneAndAddsNoAliases() {
        float[] y = Resampler.resample(tone(1000, 44100, 2), 44100, 16000);
        assertEquals(32000, y.length);
        double[] f = fit(y, 1000, 16000);
        double gainDb = 20 * Math.log10(f[0] / AMPLITUDE);
        double residualDb = dbRelTone(f[1]);
        System.out.printf("resampler 44.1k->16k, 1 kHz: gain %.6f dB, residual %.1f dB%n", gainDb, residualDb);
        assertTrue(Math.abs(gainDb) < 0.1, "passband gain " + gainDb + " dB");
        assertTrue(residualDb < -80, "aliases and images " + residualDb + " dB");
    }

    @Test
    void toneJustBelowTheNewNyquistStaysClean() {
        float[] y = Resampler.resample(tone(7500, 44100, 2), 44100, 16000);
        double[] f = fit(y, 7500, 16000);
        double residualDb = dbRelTone(f[1]);
        System.out.printf("resampler 44.1k->16k, 7.5 kHz: gain %.2f dB (transition band), residual %.1f dB%n",
                20 * Math.log10(f[0] / AMPLITUDE), residualDb);
        assertTrue(f[0] > 0.1 * AMPLITUDE, "7.5 kHz is below the new Nyquist and must not vanish");
        assertTrue(residualDb < -80, "residual " + residualDb + " dB");
    }

    @Test
    void tonesAboveTheNewNyquistAreRemoved() {
        double worst = -Double.MAX_VALUE;
        for (double freq : new double[] {8200, 9000, 10000, 12000, 15000, 20000}) {
            float[] y = Resampler.resample(tone(freq, 44100, 1), 44100, 16000);
            double db = dbRelTone(rms(y));
            worst = Math.max(worst, db);
            assertTrue(db < -80, freq + " Hz leaks through at " + db + " dB");
        }
        System.out.printf("resampler 44.1k->16k, tones 8.2-20 kHz: worst alias %.1f dB%n", worst);
    }

    @Test
    void otherCommonRatiosKeepTheToneAndRejectAliases() {
        for (int rate : new int[] {48000, 22050, 32000, 8000, 11025}) {
            float[] y = Resampler.resample(tone(1000, rate, 1), rate, 16000);
            assertEquals((int) Math.ceil(rate / (double) rate * 16000), y.length);
            double[] f = fit(y, 1000, 16000);
            double gainDb = 20 * Math.log10(f[0] / AMPLITUDE);
            System.out.printf("resampler %d->16000, 1 kHz: gain %.6f dB, residual %.1f dB%n", rate, gainDb, dbRelTone(f[1]));
            assertTrue(Math.abs(gainDb) < 0.1, rate + " Hz: passband gain " + gainDb + " dB");
            assertTrue(dbRelTone(f[1]) < -80, rate + " Hz: residual " + dbRelTone(f[1]) + " dB");
        }
        float[] alias = Resampler.resample(tone(12000, 48000, 1), 48000, 16000);
        assertTrue(dbRelTone(rms(alias)) < -80, "12 kHz at 48k must not fold to 4 kHz");
    }

    @Test
    void equalRatesGiveAnExactCopy() {
        float[] x = tone(440, 16000, 0.1);
        float[] y = Resampler.resample(x, 16000, 16000);
        assertArrayEquals(x, y);
        assertNotSame(x, y);
    }

    @Test
    void constantSignalStaysConstantAwayFromTheEdges() {
        float[] x = new float[44100];
        java.util.Arrays.fill(x, 0.25f);
        float[] y = Resampler.resample(x, 44100, 16000);
        for (int i = EDGE; i < y.length - EDGE; i++) assertEquals(0.25f, y[i], 1e-6f, "sample " + i);
    }

    @Test
    void outputLengthCoversTheInput() {
        Resampler r = new Resampler(44100, 16000);
        assertEquals(0, r.outputLength(0));
        assertEquals(1, r.outputLength(1));
        assertEquals(3, r.outputLength(6));   // 6 * 160 / 441 = 2.18
        assertEquals(16000, r.outputLength(44100));
        assertEquals(0, r.process(new float[0]).length);
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000));
    }

    @Test
    void unusualRatioWithManyPhasesWorks() {
        // 16001/44100 shares no factor: 16001 phases, more than the precomputed table allows.
        float[] y = Resampler.resample(tone(1000, 44100, 0.5), 44100, 16001);
        double[] f = fit(y, 1000, 16001);
        assertTrue(Math.abs(20 * Math.log10(f[0] / AMPLITUDE)) < 0.1);
        assertTrue(dbRelTone(f[1]) < -80, "residual " + dbRelTone(f[1]));
    }

    @Test
    void isDeterministicAndReportsItsSpeed() {
        Random r = new Random(5);
        float[] x = new float[44100 * 60];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() * 0.1f;
        Resampler rs = new Resampler(44100, 16000);
        float[] first = rs.process(x);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        float[] second = rs.process(x);
        double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        assertArrayEquals(first, second);
        System.out.printf("resampler 44.1k->16k speed: %.0f s of audio per CPU second%n", 60 / cpu);
        assertTrue(60 / cpu > 20, "resampling is implausibly slow: " + cpu + " s for 60 s of audio");
    }
}
