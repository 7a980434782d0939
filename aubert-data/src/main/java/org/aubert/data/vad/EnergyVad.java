package org.aubert.data.vad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Voice activity from frame energy, for audio that comes without libri-light VAD metadata.
 *
 * <p>Per frame: the log energy of the (optionally pre-emphasised) signal. The noise floor at a frame is a low
 * quantile of the energies in a centred window of several seconds, so it follows slow changes of the background
 * and needs no silent lead-in. A frame starts speech {@code onsetDb} above the floor and speech goes on while frames
 * stay {@code offsetDb} above it, plus a hangover; segments get a pre-roll, gaps shorter than the minimum silence
 * are bridged and segments shorter than the minimum speech are dropped. See {@link EnergyVadConfig}.
 *
 * <p>Limits: the floor follows gradual changes of the background; after an abrupt rise of the background it lags by
 * up to {@code (0.5 - noisePercentile) * noiseWindowSec} (3.2 s with the defaults), during which the louder noise
 * counts as speech. Speech that stays under the floor plus {@code offsetDb} (weak fricatives in loud noise) is missed.
 */
public final class EnergyVad {
    private static final double ENERGY_EPS = 1e-12;

    private final EnergyVadConfig config;

    public EnergyVad(EnergyVadConfig config) {
        this.config = config;
    }

    public EnergyVadConfig config() { return config; }

    /** Speech segments in seconds, sorted and disjoint, within {@code [0, samples.length / rate]}. */
    public List<VadSegment> detect(float[] samples, int sampleRate) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        double duration = samples.length / (double) sampleRate;
        int hop = Math.max(1, (int) Math.round(config.hopMs() * sampleRate / 1000.0));
        double[] energy = frameEnergies(samples, sampleRate, hop);
        if (energy.length == 0) return List.of();
        boolean[] speech = decide(energy, noiseFloor(energy));
        double hopSec = hop / (double) sampleRate;
        // frame i is centred at i*hop + frame/2; it stands for the hop-long cell around its centre
        double frameSec = Math.max(hop, (int) Math.round(config.frameMs() * sampleRate / 1000.0)) / (double) sampleRate;
        double offset = frameSec / 2 - hopSec / 2;
        List<double[]> segs = new ArrayList<>();
        for (int i = 0; i < speech.length; ) {
            if (!speech[i]) { i++; continue; }
            int j = i;
            while (j < speech.length && speech[j]) j++;
            segs.add(new double[] {offset + i * hopSec - config.preRollMs() / 1000.0, offset + j * hopSec});
            i = j;
        }
        return finish(segs, duration);
    }

    /** Log energies (dB re full scale) of frames {@code [i*hop, i*hop + frame)}; a short tail frame is zero-padded. */
    double[] frameEnergies(float[] x, int sampleRate, int hop) {
        int frame = Math.max(hop, (int) Math.round(config.frameMs() * sampleRate / 1000.0));
        if (x.length == 0) return new double[0];
        int n = Math.max(1, (int) Math.ceil((x.length - frame) / (double) hop) + 1);
        double a = config.preEmphasis();
        double[] out = new double[n];
        for (int f = 0; f < n; f++) {
            int s = f * hop;
            int e = Math.min(x.length, s + frame);
            double sum = 0;
            float prev = s > 0 ? x[s - 1] : 0f;
            for (int i = s; i < e; i++) {
                double y = x[i] - a * prev;
                prev = x[i];
                sum += y * y;
            }
            out[f] = 10 * Math.log10(sum / frame + ENERGY_EPS);
        }
        return out;
    }

    /** A low quantile of the energies in a centred sliding window, kept sorted incrementally. */
    double[] noiseFloor(double[] energy) {
        int n = energy.length;
        int half = Math.max(1, (int) Math.round(config.noiseWindowSec() * 1000.0 / config.hopMs() / 2));
        double[] window = new double[Math.min(n, 2 * half + 1)];
        int size = 0;
        int lo = 0;
        int hi = 0; // window holds energy[lo, hi)
        double[] floor = new double[n];
        for (int i = 0; i < n; i++) {
            int wantLo = Math.max(0, i - half);
            int wantHi = Math.min(n, i + half + 1);
            while (lo < wantLo) size = remove(window, size, energy[lo++]);
            while (hi < wantHi) size = insert(window, size, energy[hi++]);
            int k = (int) Math.floor(config.noisePercentile() * (size - 1));
            floor[i] = window[k];
        }
        return floor;
    }

    private boolean[] decide(double[] energy, double[] floor) {
        int n = energy.length;
        boolean[] speech = new boolean[n];
        int hangover = (int) Math.round(config.hangoverMs() / config.hopMs());
        boolean on = false;
        int hold = 0;
        for (int i = 0; i < n; i++) {
            double above = energy[i] - floor[i];
            if (!on) {
                if (above > config.onsetDb()) { on = true; hold = hangover; }
            } else if (above > config.offsetDb()) {
                hold = hangover;
            } else if (hold > 0) {
                hold--;
            } else {
                on = false;
            }
            speech[i] = on;
        }
        return speech;
    }

    private List<VadSegment> finish(List<double[]> segs, double duration) {
        double minSilence = config.minSilenceMs() / 1000.0;
        double minSpeech = config.minSpeechMs() / 1000.0;
        List<double[]> merged = new ArrayList<>();
        for (double[] s : segs) {
            s[0] = Math.max(0, s[0]);
            s[1] = Math.min(duration, s[1]);
            if (s[1] <= s[0]) continue;
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] - last[1] < minSilence) last[1] = Math.max(last[1], s[1]);
            else merged.add(s);
        }
        List<VadSegment> out = new ArrayList<>();
        for (double[] s : merged) {
            if (s[1] - s[0] >= minSpeech) out.add(new VadSegment(s[0], s[1]));
        }
        return out;
    }

    private static int insert(double[] sorted, int size, double v) {
        int at = Arrays.binarySearch(sorted, 0, size, v);
        if (at < 0) at = -at - 1;
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = v;
        return size + 1;
    }

    private static int remove(double[] sorted, int size, double v) {
        int at = Arrays.binarySearch(sorted, 0, size, v);
        if (at < 0) throw new IllegalStateException("sliding window lost a value");
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        return size - 1;
    }
}
