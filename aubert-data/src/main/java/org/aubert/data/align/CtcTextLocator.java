package org.aubert.data.align;

/**
 * Finds which stretch of a long label sequence some audio reads: the CTC Viterbi path of {@link CtcForcedAligner}
 * with free ends, which may start on any state at the first frame and end on any state at the last (the idea of
 * CTC segmentation, Kürzinger et al. 2020). Every frame is explained by the path, so audio that reads the text
 * scores far higher than audio set against text it does not read.
 *
 * <p>An optional beam prunes hopeless stretches of the text as the audio goes on (see the constructor).
 *
 * <p>Memory is {@code O(states)}: instead of back-pointers each state carries the state its best path started on.
 * The path itself (per-label frames) is then {@link CtcForcedAligner#align} over the located labels only, which
 * gives the same optimum.
 */
public final class CtcTextLocator {

    /**
     * The labels {@code [firstLabel, lastLabel]} that the best path emits, its log-probability (without the label
     * bonus), and the best any path could score (each frame's top token, the greedy path), for a length-free measure
     * of fit; and how many (frame, state) cells the search computed.
     */
    public record Location(int firstLabel, int lastLabel, double score, double greedyScore, int frames, long cellsSearched) {
        /** Mean log-probability per frame the path loses against the greedy path (0 = as good as the model's own best). */
        public double lossPerFrame() { return (greedyScore - score) / frames; }
    }

    private static final double NEG = Double.NEGATIVE_INFINITY;
    private static final int PAD = 2;

    /** States per pruning block. */
    private static final int BLOCK = 256;

    private final int blank;
    private final double labelBonus;
    private final double beam;

    /**
     * @param labelBonus added to a path's score for every label it emits. Free ends let a path read a short stretch
     *                   of text and explain the rest of the audio as blanks; where the model is unsure of a voice, a
     *                   few letters in the wrong place can then outscore the whole passage in the right one. The
     *                   bonus asks the path to account for the audio with text (0 = plain log-probability).
     */
    public CtcTextLocator(int blankId, double labelBonus) { this(blankId, labelBonus, 0); }

    /**
     * @param beam prune, frame by frame, blocks of {@value #BLOCK} states whose best score trails the frame's best by
     *             more than this (natural log); 0 searches exactly. Against a whole book most places fall out of a
     *             beam of 100 within a few seconds of audio, which makes the search many times faster; a path that
     *             trails by more than the beam at some frame and still wins at the end is lost.
     */
    public CtcTextLocator(int blankId, double labelBonus, double beam) {
        if (blankId < 0) throw new IllegalArgumentException("blank id must be >= 0, got " + blankId);
        if (!(labelBonus >= 0)) throw new IllegalArgumentException("labelBonus must be >= 0, got " + labelBonus);
        if (!(beam >= 0)) throw new IllegalArgumentException("beam must be >= 0, got " + beam);
        this.blank = blankId;
        this.labelBonus = labelBonus;
        this.beam = beam;
    }

    /**
     * The best free-ends path of {@code labels} over {@code logProbs}; null when the best path emits no label (all
     * blank).
     */
    public Location locate(Emissions logProbs, int[] labels) {
        int frames = logProbs.frames();
        int vocab = logProbs.vocab();
        if (labels.length == 0) throw new AlignmentException(AlignmentException.Reason.EMPTY_TEXT, "nothing to locate: no labels");
        if (frames == 0) throw new AlignmentException(AlignmentException.Reason.TOO_SHORT, "no frames to locate");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= vocab || labels[i] == blank) {
                throw new AlignmentException(AlignmentException.Reason.OUT_OF_VOCABULARY,
                        "label " + i + " (id " + labels[i] + ") is the blank or outside the vocabulary of " + vocab);
            }
        }
        float[] lp = logProbs.values();
        CtcStates sequence = CtcStates.of(labels, blank);
        int states = sequence.count();
        int[] token = sequence.token();
        double[] skipPenalty = new double[states];
        double[] enter = new double[states];
        for (int s = 0; s < states; s++) {
            enter[s] = (s & 1) == 1 ? labelBonus : 0;
            skipPenalty[s] = sequence.skip()[s] ? enter[s] : NEG;
        }
        double[] prev = new double[states + PAD];
        double[] cur = new double[states + PAD];
        int[] prevOrigin = new int[states + PAD];
        int[] curOrigin = new int[states + PAD];
        prev[0] = prev[1] = cur[0] = cur[1] = NEG;
        // Beam pruning by blocks of states: a block is computed at frame t only when it, or the block before it (paths
        // move at most two states a frame), held a score within the beam of the frame's best at t-1. A block left out
        // holds -inf; "filled" says which blocks of each buffer hold scores that must be cleared first.
        int blocks = (states + BLOCK - 1) / BLOCK;
        boolean[] alive = new boolean[blocks];
        boolean[] curFilled = new boolean[blocks];
        boolean[] prevFilled = new boolean[blocks];
        java.util.Arrays.fill(alive, true);
        double[] blockBest = new double[blocks];
        double greedy = 0;
        long cells = 0;
        for (int t = 0; t < frames; t++) {
            int row = t * vocab;
            float top = lp[row];
            for (int v = 1; v < vocab; v++) top = Math.max(top, lp[row + v]);
            greedy += top;
            double frameBest = NEG;
            boolean previousAlive = false;
            for (int k = 0; k < blocks; k++) {
                boolean compute = alive[k] || previousAlive;
                previousAlive = alive[k];
                int from = k * BLOCK;
                int to = Math.min(states, from + BLOCK);
                blockBest[k] = NEG;
                if (!compute) {
                    if (curFilled[k]) {
                        java.util.Arrays.fill(cur, from + PAD, to + PAD, NEG);
                        curFilled[k] = false;
                    }
                    continue;
                }
                curFilled[k] = true;
                cells += to - from;
                double best = NEG;
                if (t == 0) {
                    for (int s = from; s < to; s++) {
                        cur[s + PAD] = lp[row + token[s]] + enter[s];
                        curOrigin[s + PAD] = s;
                        best = Math.max(best, cur[s + PAD]);
                    }
                } else {
                    for (int s = from; s < to; s++) {
                        int i = s + PAD;
                        double stay = prev[i];
                        double advance = prev[i - 1] + enter[s];
                        double jump = prev[i - 2] + skipPenalty[s];
                        boolean a1 = advance > stay;
                        double m = a1 ? advance : stay;
                        int o = a1 ? prevOrigin[i - 1] : prevOrigin[i];
                        boolean a2 = jump > m;
                        cur[i] = (a2 ? jump : m) + lp[row + token[s]];
                        curOrigin[i] = a2 ? prevOrigin[i - 2] : o;
                        best = Math.max(best, cur[i]);
                    }
                }
                blockBest[k] = best;
                frameBest = Math.max(frameBest, best);
            }
            if (beam > 0) {
                for (int k = 0; k < blocks; k++) alive[k] = blockBest[k] >= frameBest - beam;
            }
            double[] tmp = prev;
            prev = cur;
            cur = tmp;
            int[] tmpO = prevOrigin;
            prevOrigin = curOrigin;
            curOrigin = tmpO;
            boolean[] tmpF = prevFilled;
            prevFilled = curFilled;
            curFilled = tmpF;
        }
        int end = 0;
        for (int s = 1; s < states; s++) if (prev[s + PAD] > prev[end + PAD]) end = s;
        int origin = prevOrigin[end + PAD];
        // A path starting on the blank before label k first emits label k; one ending on the blank after label k
        // last emitted label k.
        int first = origin >> 1;
        int last = (end & 1) == 1 ? end >> 1 : (end >> 1) - 1;
        if (last < first) return null;
        return new Location(first, last, prev[end + PAD] - labelBonus * (last - first + 1), greedy, frames, cells);
    }
}
