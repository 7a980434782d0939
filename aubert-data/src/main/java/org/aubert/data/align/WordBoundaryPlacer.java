package org.aubert.data.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves the word boundaries of a CTC alignment from the character spikes to where the words meet in the audio.
 *
 * <p>CTC emits a character on one or two frames near its onset, so the first frame of a word's first character
 * comes late and the last frame of its last character comes early (on the demo corpus starts were 27 ms late and
 * ends 30 ms early on average; ends before a pause 50-60 ms early). Between two words the path holds blanks and the
 * word delimiter: the gap where the true boundary lies. This class places it with the short-time energy of the
 * audio (10 ms windows every 5 ms, median-smoothed over 5 hops, in dB):
 * <ul>
 *   <li>a gap that holds a silent run of at least {@link Options#minPauseMs} is a pause: the first word ends where
 *       the longest such run starts and the next word starts where it ends;</li>
 *   <li>any other gap is split at its midpoint (the two biases are about equal, so the midpoint is unbiased on
 *       average), or where a {@link BoundaryCalibration} of the model puts it, which knows the bias per letter;</li>
 *   <li>the first word's start moves back, and the last word's end forward, over non-silent audio next to them, by at
 *       most {@link Options#edgeSearchMs}.</li>
 * </ul>
 * A hop is silent when its energy is below {@code floor + silenceFraction * (top - floor)}, with the floor and top the
 * 10th and 95th percentiles of the utterance's energies; when they are less than {@link Options#minRangeDb} apart the
 * audio has no usable silence: every gap is split at its midpoint and the edges stay. Words keep their CTC frames; only their times move.
 * Times stay in order and words never overlap.
 */
public final class WordBoundaryPlacer {

    /**
     * @param silenceFraction where between the floor (0) and the top (1) of the energies silence ends
     * @param minPauseMs      shortest silent run in a gap that counts as a pause
     * @param edgeSearchMs    how far the outer edges may move into non-silent audio
     * @param minRangeDb      least floor-to-top range for silence to be detected at all
     */
    public record Options(double silenceFraction, double minPauseMs, double edgeSearchMs, double minRangeDb) {
        /** Chosen on the training voices of the demo corpus (see docs/BENCHMARKS.md). */
        public static final Options DEFAULT = new Options(0.15, 100, 150, 10);

        public Options {
            if (!(silenceFraction >= 0 && silenceFraction <= 1)) throw new IllegalArgumentException("silenceFraction must be in [0, 1], got " + silenceFraction);
            if (!(minPauseMs >= 0) || !(edgeSearchMs >= 0) || !(minRangeDb >= 0)) {
                throw new IllegalArgumentException("minPauseMs, edgeSearchMs and minRangeDb must be >= 0");
            }
        }
    }

    private static final int SMOOTH_HOPS = 5;

    private final Options options;
    private final BoundaryCalibration calibration;

    public WordBoundaryPlacer(Options options) { this(options, null); }

    /** With {@code calibration} (or null for {@link BoundaryCalibration#NONE}) shifting the boundaries it places. */
    public WordBoundaryPlacer(Options options, BoundaryCalibration calibration) {
        this.options = options;
        this.calibration = calibration == null ? BoundaryCalibration.NONE : calibration;
    }

    public Options options() { return options; }

    /**
     * The words with their times placed in {@code samples} (the audio they were aligned to, at {@code sampleRate}).
     * {@code words} must be in order and non-overlapping, as {@link TranscriptAligner} returns them.
     */
    public List<AlignedWord> place(List<AlignedWord> words, float[] samples, int sampleRate) {
        if (words.isEmpty()) return List.of();
        Energy energy = Energy.of(samples, sampleRate);
        boolean[] silent = energy.silent(options.silenceFraction(), options.minRangeDb());
        boolean silenceFound = silent != null;
        if (!silenceFound) silent = new boolean[energy.db().length];
        double[] start = new double[words.size()];
        double[] end = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            start[i] = words.get(i).startMs();
            end[i] = words.get(i).endMs();
            if (i > 0 && start[i] < end[i - 1]) {
                throw new IllegalArgumentException("word " + i + " ('" + words.get(i).word() + "') starts before word " + (i - 1) + " ends");
            }
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            double a = end[i];
            double b = start[i + 1];
            int[] run = energy.longestRun(silent, a, b);
            if (run != null && energy.spanMs(run) >= options.minPauseMs()) {
                double e = energy.hopStartMs(run[0]) + calibration.silenceEndMs();
                double s = energy.hopEndMs(run[1]) + calibration.silenceStartMs();
                if (e > s) e = s = (e + s) / 2;
                end[i] = Math.max(a, Math.min(b, e));
                start[i + 1] = Math.min(b, Math.max(end[i], s));
            } else {
                end[i] = start[i + 1] = calibration.boundaryMs(words.get(i).word(), words.get(i + 1).word(), a, b);
            }
        }
        int last = words.size() - 1;
        if (silenceFound) {
            start[0] = energy.extendBack(silent, start[0], options.edgeSearchMs());
            double e = energy.extendForward(silent, end[last], options.edgeSearchMs());
            end[last] = Math.max(end[last], e + calibration.silenceEndMs());
        }
        List<AlignedWord> out = new ArrayList<>(words.size());
        long previousEnd = 0;
        for (int i = 0; i < words.size(); i++) {
            AlignedWord w = words.get(i);
            long s = Math.max(previousEnd, Math.round(start[i]));
            long e = Math.max(s, Math.round(end[i]));
            out.add(new AlignedWord(w.word(), w.charStart(), w.charEnd(), w.startFrame(), w.endFrame(), s, e));
            previousEnd = e;
        }
        return out;
    }

    /** Short-time energy in dB, hop {@code h} covering {@code [h*hop, h*hop + window)} samples. */
    record Energy(double[] db, int hop, int window, int sampleRate) {

        static Energy of(float[] x, int sampleRate) {
            int window = Math.max(1, Math.round(sampleRate / 100f));
            int hop = Math.max(1, Math.round(sampleRate / 200f));
            int n = x.length < window ? 0 : (x.length - window) / hop + 1;
            double[] raw = new double[n];
            for (int h = 0; h < n; h++) {
                double sum = 0;
                for (int k = h * hop, end = k + window; k < end; k++) sum += (double) x[k] * x[k];
                raw[h] = 10 * Math.log10(sum / window + 1e-10);
            }
            // A median over 5 hops drops single-hop blips (noise bursts, plosive releases) that would split a pause.
            double[] db = new double[n];
            double[] w = new double[SMOOTH_HOPS];
            for (int h = 0; h < n; h++) {
                for (int k = 0; k < SMOOTH_HOPS; k++) w[k] = raw[Math.min(n - 1, Math.max(0, h + k - SMOOTH_HOPS / 2))];
                Arrays.sort(w);
                db[h] = w[SMOOTH_HOPS / 2];
            }
            return new Energy(db, hop, window, sampleRate);
        }

        /** Per hop whether it is silent, or null when the energies do not span {@code minRangeDb}. */
        boolean[] silent(double fraction, double minRangeDb) {
            if (db.length == 0) return null;
            boolean[] s = new boolean[db.length];
            double[] sorted = db.clone();
            Arrays.sort(sorted);
            double floor = percentile(sorted, 0.10);
            double top = percentile(sorted, 0.95);
            if (top - floor < minRangeDb) return null;
            double threshold = floor + fraction * (top - floor);
            for (int h = 0; h < db.length; h++) s[h] = db[h] < threshold;
            return s;
        }

        private static double percentile(double[] sorted, double p) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }

        double centreMs(int h) { return (h * (double) hop + window / 2.0) * 1000 / sampleRate; }

        double hopStartMs(int h) { return centreMs(h) - hop * 500.0 / sampleRate; }

        double hopEndMs(int h) { return centreMs(h) + hop * 500.0 / sampleRate; }

        double spanMs(int[] run) { return (run[1] - run[0] + 1) * hop * 1000.0 / sampleRate; }

        /** First hop whose centre is at or after {@code ms}. */
        private int firstAtOrAfter(double ms) {
            return (int) Math.max(0, Math.ceil((ms * sampleRate / 1000 - window / 2.0) / hop));
        }

        /** The longest run of silent hops whose centres lie in {@code [a, b]} (first one on ties), or null. */
        int[] longestRun(boolean[] silent, double a, double b) {
            int[] best = null;
            int runStart = -1;
            for (int h = firstAtOrAfter(a); h < db.length && centreMs(h) <= b; h++) {
                if (!silent[h]) {
                    runStart = -1;
                    continue;
                }
                if (runStart < 0) runStart = h;
                if (best == null || h - runStart > best[1] - best[0]) best = new int[]{runStart, h};
            }
            return best;
        }

        /** The start of the non-silent audio running back from {@code ms}, at most {@code maxMs} earlier. */
        double extendBack(boolean[] silent, double ms, double maxMs) {
            int h = Math.min(db.length, firstAtOrAfter(ms));
            int k = h;
            while (k > 0 && !silent[k - 1] && centreMs(k - 1) > ms - maxMs) k--;
            return k < h ? Math.min(ms, hopStartMs(k)) : ms;
        }

        /** The end of the non-silent audio running on from {@code ms}, at most {@code maxMs} later. */
        double extendForward(boolean[] silent, double ms, double maxMs) {
            int h = firstAtOrAfter(ms) - 1;
            int k = h;
            while (k + 1 < db.length && !silent[k + 1] && centreMs(k + 1) < ms + maxMs) k++;
            return k > h ? Math.max(ms, hopEndMs(k)) : ms;
        }
    }
}
