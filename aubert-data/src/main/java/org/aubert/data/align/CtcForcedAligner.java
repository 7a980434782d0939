package org.aubert.data.align;

import java.util.Arrays;

/**
 * Viterbi forced alignment of a label sequence over CTC log-probabilities.
 *
 * <p>The labels {@code l_0 .. l_{L-1}} are interleaved with blanks into {@code 2L+1} states
 * {@code blank, l_0, blank, l_1, ..., l_{L-1}, blank}. A path stays on its state, moves to the next one, or skips
 * a blank between two labels; the skip is forbidden when the two labels are equal (the repeated-character rule:
 * "ll" needs a blank between its two "l"s, otherwise CTC would collapse them into one). Paths start on the first
 * blank or the first label and end on the last label or the last blank, so at least
 * {@code L + (number of equal neighbours)} frames are needed ({@link #requiredFrames}).
 *
 * <p>The search is exact: at each frame only states that can still be reached from the start and can still
 * reach the end are scored (this prunes nothing that could be on a valid path). For long inputs an optional
 * band ({@link Options#bandStates}) also keeps only states within that many states of the diagonal
 * {@code t * (states - 1) / (frames - 1)} (a uniform pace over the whole input), making the cost {@code O(T * band)} instead of {@code O(T * L)}, linear in the audio length.
 * A band at least as wide as the state sequence gives the exact result. If no path fits inside the band
 * (a transcript whose reading pace is far from uniform), the aligner retries without the band when the full
 * search fits in {@link Options#maxExactCells}, else refuses with {@link AlignmentException.Reason#NO_PATH}.
 *
 * <p>Ties are broken deterministically: staying beats advancing, which beats skipping; at the end the last
 * blank beats the last label.
 */
public final class CtcForcedAligner {

    /**
     * @param bandStates    half-width of the search band in states, 0 for the exact search
     * @param maxExactCells largest {@code frames x states} for which a failed banded search is retried exactly
     */
    public record Options(int bandStates, long maxExactCells) {
        /** Exact search always. */
        public static final Options EXACT = new Options(0, Long.MAX_VALUE);
        /** A band of 1000 states (about 30 s of drift from a uniform pace at 15 characters a second). */
        public static final Options DEFAULT = new Options(1000, 50_000_000L);

        public Options {
            if (bandStates < 0) throw new IllegalArgumentException("bandStates must be >= 0, got " + bandStates);
            if (maxExactCells < 0) throw new IllegalArgumentException("maxExactCells must be >= 0, got " + maxExactCells);
        }
    }

    private static final double NEG = Double.NEGATIVE_INFINITY;
    /** Index shift of the score arrays: two permanent -inf cells before state 0 spare a bounds check. */
    private static final int PAD = 2;

    private final int blank;
    private final Options options;

    public CtcForcedAligner(int blankId) { this(blankId, Options.DEFAULT); }

    public CtcForcedAligner(int blankId, Options options) {
        if (blankId < 0) throw new IllegalArgumentException("blank id must be >= 0, got " + blankId);
        this.blank = blankId;
        this.options = options;
    }

    public int blankId() { return blank; }

    public Options options() { return options; }

    /** Frames a label sequence needs at least: one per label plus one blank between each pair of equal neighbours. */
    public static int requiredFrames(int[] labels) {
        int n = labels.length;
        for (int i = 1; i < labels.length; i++) if (labels[i] == labels[i - 1]) n++;
        return n;
    }

    /**
     * The best path of {@code labels} over {@code logProbs}.
     *
     * @throws AlignmentException when there are no labels, a label is the blank or out of range, or the emissions
     *                            have fewer frames than {@link #requiredFrames}
     */
    public CtcAlignment align(Emissions logProbs, int[] labels) {
        int frames = logProbs.frames();
        if (labels.length == 0) throw new AlignmentException(AlignmentException.Reason.EMPTY_TEXT, "nothing to align: no labels");
        if (blank >= logProbs.vocab()) throw new IllegalArgumentException("blank id " + blank + " is outside the vocabulary of " + logProbs.vocab());
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= logProbs.vocab() || labels[i] == blank) {
                throw new AlignmentException(AlignmentException.Reason.OUT_OF_VOCABULARY,
                        "label " + i + " (id " + labels[i] + ") is the blank or outside the vocabulary of " + logProbs.vocab());
            }
        }
        int required = requiredFrames(labels);
        if (frames < required) {
            throw new AlignmentException(AlignmentException.Reason.TOO_SHORT, labels.length + " labels need at least " + required
                    + " frames (labels plus the blanks between repeated ones), the emissions have " + frames);
        }
        int states = 2 * labels.length + 1;
        if (options.bandStates() > 0 && options.bandStates() * 2L + 1 < states) {
            CtcAlignment a = search(logProbs, labels, options.bandStates());
            if (a != null) return a;
            if ((long) frames * states > options.maxExactCells()) {
                throw new AlignmentException(AlignmentException.Reason.NO_PATH, "no alignment path within a band of "
                        + options.bandStates() + " states (" + frames + " frames, " + states + " states); widen the band");
            }
        }
        CtcAlignment a = search(logProbs, labels, 0);
        if (a == null) {
            throw new AlignmentException(AlignmentException.Reason.NO_PATH, "no path of finite score (the emissions are -inf for a label)");
        }
        return a;
    }

    /** The Viterbi search restricted to the feasible states (and the band when {@code band > 0}); null if no path. */
    private CtcAlignment search(Emissions e, int[] labels, int band) {
        int frames = e.frames();
        int vocab = e.vocab();
        float[] lp = e.values();
        CtcStates sequence = CtcStates.of(labels, blank);
        int states = sequence.count();
        int[] token = sequence.token();
        boolean[] skip = sequence.skip();
        double[] skipPenalty = new double[states];
        for (int s = 0; s < states; s++) skipPenalty[s] = skip[s] ? 0 : NEG;
        // fromStart[s]: the first frame at which state s can be occupied; toEnd[s]: frames needed after it.
        int[] fromStart = new int[states];
        int[] toEnd = new int[states];
        fromStart[0] = 0;
        if (states > 1) fromStart[1] = 0;
        for (int s = 2; s < states; s++) {
            fromStart[s] = fromStart[s - 1] + 1;
            if (skip[s]) fromStart[s] = Math.min(fromStart[s], fromStart[s - 2] + 1);
        }
        toEnd[states - 1] = 0;
        toEnd[states - 2] = 0;
        for (int s = states - 3; s >= 0; s--) {
            toEnd[s] = toEnd[s + 1] + 1;
            if (skip[s + 2]) toEnd[s] = Math.min(toEnd[s], toEnd[s + 2] + 1);
        }
        // Band of each frame: [lo[t], hi[t]], both non-decreasing in t.
        int[] lo = new int[frames];
        int[] hi = new int[frames];
        long cells = 0;
        int a = 0;
        int b = 0;
        for (int t = 0; t < frames; t++) {
            while (b + 1 < states && fromStart[b + 1] <= t) b++;
            while (toEnd[a] > frames - 1 - t) a++;
            int l = a;
            int h = b;
            if (band > 0) {
                // Around the diagonal of a uniform pace, clipped to the feasible range (never empty, still monotone).
                long centre = frames == 1 ? 0 : Math.round(t * (double) (states - 1) / (frames - 1));
                l = (int) Math.min(Math.max(a, centre - band), b);
                h = (int) Math.max(Math.min(b, centre + band), a);
            }
            lo[t] = l;
            hi[t] = h;
            cells += h - l + 1;
        }
        if (cells > Integer.MAX_VALUE - 16) {
            throw new AlignmentException(AlignmentException.Reason.NO_PATH, "search of " + cells + " cells is too large ("
                    + frames + " frames, " + states + " states); use a band");
        }
        byte[] back = new byte[(int) cells];
        int[] offset = new int[frames];
        double[] prev = new double[states + PAD + 2];
        double[] cur = new double[states + PAD + 2];
        Arrays.fill(prev, NEG);
        Arrays.fill(cur, NEG);
        // Frame 0: only states 0 and 1 (both are in its band).
        for (int s = lo[0]; s <= hi[0]; s++) cur[s + PAD] = lp[token[s]];
        int off = hi[0] - lo[0] + 1;
        for (int t = 1; t < frames; t++) {
            double[] tmp = prev;
            prev = cur;
            cur = tmp;
            // prev holds frame t-1 on [lo[t-1], hi[t-1]]; make the cells this frame reads outside that range -inf.
            prev[lo[t - 1] - 1 + PAD] = NEG;
            if (lo[t - 1] >= 1) prev[lo[t - 1] - 2 + PAD] = NEG;
            for (int s = hi[t - 1] + 1; s <= hi[t]; s++) prev[s + PAD] = NEG;
            offset[t] = off;
            int row = t * vocab;
            int l = lo[t];
            int h = hi[t];
            int bo = off - l;
            for (int s = l; s <= h; s++) {
                // Written without data-dependent branches (the comparisons are unpredictable): selects compile to cmov.
                int i = s + PAD;
                double stay = prev[i];
                double advance = prev[i - 1];
                double jump = prev[i - 2] + skipPenalty[s];
                boolean a1 = advance > stay;
                double m = a1 ? advance : stay;
                boolean a2 = jump > m;
                cur[i] = (a2 ? jump : m) + lp[row + token[s]];
                back[bo + s] = (byte) (a2 ? 2 : a1 ? 1 : 0);
            }
            off += h - l + 1;
        }
        int last = frames - 1;
        double endBlank = hi[last] >= states - 1 && lo[last] <= states - 1 ? cur[states - 1 + PAD] : NEG;
        double endLabel = hi[last] >= states - 2 && lo[last] <= states - 2 ? cur[states - 2 + PAD] : NEG;
        if (endBlank == NEG && endLabel == NEG) return null;
        int s = endBlank >= endLabel ? states - 1 : states - 2;
        double score = Math.max(endBlank, endLabel);
        int[] frameLabel = new int[frames];
        int[] start = new int[labels.length];
        int[] end = new int[labels.length];
        for (int t = last; t >= 0; t--) {
            frameLabel[t] = (s & 1) == 1 ? s >> 1 : -1;
            if ((s & 1) == 1) {
                int k = s >> 1;
                if (end[k] == 0) end[k] = t + 1;
                start[k] = t;
            }
            if (t > 0) s -= back[offset[t] + s - lo[t]];
        }
        return new CtcAlignment(score, start, end, frameLabel);
    }
}
