package org.aubert.data.ctc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * CTC prefix beam search over per-frame log-probabilities [T, V] with an optional word n-gram LM.
 *
 * <p>Each prefix carries the probability of its alignments ending in a blank and ending in a label; a
 * frame extends every kept prefix by every token that passes the token pruning (log-prob cutoff, top-k;
 * the frame's best token always passes). A prefix is scored {@code ln P_ctc + alpha * ln(10) * log10 P_lm +
 * beta * words}; the LM scores a word when the delimiter "|" completes it and, at the end of the
 * utterance, the last word and the sentence end. Then prefixes more than the prune margin below the best
 * are dropped and the best {@code beamWidth} kept. Without pruning and with a width above the number of
 * prefixes the search is exact (tests compare it with an enumeration of all alignments).
 *
 * <p>The decoder holds no per-call state: one instance serves many threads.
 */
public final class CtcBeamDecoder implements CtcDecoder {
    private static final double LN10 = Math.log(10);

    private final CtcAlphabet alphabet;
    private final ArpaModel lm;
    private final BeamSearchOptions options;
    private final WordPrefixes prefixes;   // null unless an unknown-word penalty applies
    private final double oovPenalty;
    private final boolean[] silent;
    private final String[] tokens;

    /** @param lm the word LM, or null for none (beta still rewards words) */
    public CtcBeamDecoder(CtcAlphabet alphabet, ArpaModel lm, BeamSearchOptions options) {
        this.alphabet = alphabet;
        this.lm = lm;
        this.options = options;
        this.silent = alphabet.silentMask();
        this.tokens = alphabet.tokens();
        this.oovPenalty = lm != null && options.alpha() != 0 ? options.unknownWordPenalty() : 0;
        this.prefixes = oovPenalty != 0 ? new WordPrefixes(lm) : null;
    }

    public CtcAlphabet alphabet() { return alphabet; }

    public BeamSearchOptions options() { return options; }

    /** The best hypothesis for the first {@code frames} rows of {@code logProbs}. */
    @Override
    public CtcHypothesis decode(float[][] logProbs, int frames) { return decodeNBest(logProbs, frames).get(0); }

    public CtcHypothesis decode(float[][] logProbs) { return decode(logProbs, logProbs.length); }

    /** All final prefixes, best first (at most the beam width). */
    public List<CtcHypothesis> decodeNBest(float[][] logProbs, int frames) {
        if (frames > logProbs.length) throw new IllegalArgumentException(frames + " frames asked, " + logProbs.length + " given");
        int v = alphabet.size();
        int blank = alphabet.blank();
        PrefixNode root = new PrefixNode(null, -1, lm == null ? null : lm.beginSentenceState(), 0, 0, 0, 0, 0, vocabSize(), 0);
        Candidate[] beams = {new Candidate(root)};
        beams[0].pBlank = 0;
        beams[0].pLabel = Double.NEGATIVE_INFINITY;
        int nBeams = 1;
        PrefixMap next = new PrefixMap();
        int[] tokens = new int[v];
        for (int t = 0; t < frames; t++) {
            float[] row = logProbs[t];
            if (row.length != v) throw new IllegalArgumentException("frame " + t + " has " + row.length + " log-probs, the alphabet " + v + " tokens");
            int nTokens = selectTokens(row, tokens);
            next.clear();
            for (int b = 0; b < nBeams; b++) {
                Candidate beam = beams[b];
                PrefixNode node = beam.node;
                double total = logAdd(beam.pBlank, beam.pLabel);
                for (int k = 0; k < nTokens; k++) {
                    int c = tokens[k];
                    double lp = row[c];
                    if (c == blank) {
                        Candidate same = next.get(node);
                        same.pBlank = logAdd(same.pBlank, total + lp);
                    } else if (c == node.token) {
                        Candidate same = next.get(node);
                        same.pLabel = logAdd(same.pLabel, beam.pLabel + lp);
                        if (beam.pBlank != Double.NEGATIVE_INFINITY) {
                            Candidate ext = next.child(node, c, this);
                            ext.pLabel = logAdd(ext.pLabel, beam.pBlank + lp);
                        }
                    } else {
                        Candidate ext = next.child(node, c, this);
                        ext.pLabel = logAdd(ext.pLabel, total + lp);
                    }
                }
            }
            Candidate[] all = next.values();
            for (Candidate c : all) c.score = logAdd(c.pBlank, c.pLabel) + c.node.lmTotal();
            nBeams = prune(all);
            beams = all;
        }
        List<CtcHypothesis> out = new ArrayList<>(nBeams);
        for (int b = 0; b < nBeams; b++) out.add(finish(beams[b]));
        out.sort(Comparator.comparingDouble(CtcHypothesis::score).reversed());
        return out;
    }

    /** Row-wise log-softmax of logits [T][V] (double accumulation), as the model's CTC head output needs. */
    public static float[][] logSoftmax(float[][] logits, int frames) {
        float[][] out = new float[frames][];
        for (int t = 0; t < frames; t++) {
            float[] row = logits[t];
            double max = Double.NEGATIVE_INFINITY;
            for (float x : row) max = Math.max(max, x);
            double sum = 0;
            for (float x : row) sum += Math.exp(x - max);
            double lse = max + Math.log(sum);
            float[] o = new float[row.length];
            for (int i = 0; i < row.length; i++) o[i] = (float) (row[i] - lse);
            out[t] = o;
        }
        return out;
    }

    private int selectTokens(float[] row, int[] tokens) {
        int best = 0;
        for (int i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
        int n = 0;
        for (int i = 0; i < row.length; i++) if (i == best || row[i] >= options.tokenMinLogProb()) tokens[n++] = i;
        int k = options.tokenTopK();
        if (k > 0 && n > k) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) boxed[i] = tokens[i];
            Arrays.sort(boxed, (a, b) -> a == b ? 0 : row[b] != row[a] ? Float.compare(row[b], row[a]) : Integer.compare(a, b));
            for (int i = 0; i < k; i++) tokens[i] = boxed[i];
            n = k;
        }
        return n;
    }

    /**
     * Moves the candidates to keep (at most the width, none more than the margin below the best, none of
     * probability 0) to the front of {@code all}, in their original order, and returns how many there are.
     */
    private int prune(Candidate[] all) {
        int n = all.length;
        double best = Double.NEGATIVE_INFINITY;
        for (Candidate c : all) best = Math.max(best, c.score);
        if (n == 0 || best == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every prefix has probability 0 (log-probs of -infinity)");
        }
        double floor = best - options.beamPruneMargin();
        int width = options.beamWidth();
        if (n > width) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) scores[i] = all[i].score;
            Arrays.sort(scores);
            floor = Math.max(floor, scores[n - width]); // the width-th best score
        }
        // first those above the floor (fewer than the width), then ties at the floor while room is left
        Candidate[] keep = new Candidate[Math.min(n, width)];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (all[i].score > floor) keep[kept++] = all[i];
        }
        for (int i = 0; i < n && kept < keep.length; i++) {
            if (all[i].score == floor && floor > Double.NEGATIVE_INFINITY) keep[kept++] = all[i];
        }
        System.arraycopy(keep, 0, all, 0, kept);
        return kept;
    }

    private int vocabSize() { return prefixes == null ? 0 : prefixes.size(); }

    /** A new prefix node: LM scoring happens here, when the delimiter completes a word. */
    PrefixNode extend(PrefixNode parent, int token) {
        if (token != alphabet.delimiter()) {
            if (silent[token]) {
                return new PrefixNode(parent, token, parent.lmState, parent.lmScore, parent.lmLog10, parent.words,
                        parent.wordLength, parent.prefixLo, parent.prefixHi, parent.partialScore);
            }
            String t = tokens[token];
            int lo = parent.prefixLo;
            int hi = parent.prefixHi;
            int k = parent.wordLength;
            if (prefixes != null) {
                for (int i = 0; i < t.length() && lo < hi; i++) {
                    long r = prefixes.narrow(lo, hi, k + i, t.charAt(i));
                    lo = (int) (r >>> 32);
                    hi = (int) r;
                }
            }
            double partial = prefixes != null && lo >= hi ? oovPenalty : 0;
            return new PrefixNode(parent, token, parent.lmState, parent.lmScore, parent.lmLog10, parent.words,
                    k + t.length(), lo, hi, partial);
        }
        String word = currentWord(parent);
        if (word.isEmpty()) {
            return new PrefixNode(parent, token, parent.lmState, parent.lmScore, parent.lmLog10, parent.words, 0, 0, vocabSize(), 0);
        }
        if (lm == null) return new PrefixNode(parent, token, null, parent.lmScore + options.beta(), 0, parent.words + 1, 0, 0, 0, 0);
        double[] add = new double[1];
        ArpaModel.Scored s = scoreWord(parent.lmState, word, add);
        return new PrefixNode(parent, token, s.next(), parent.lmScore + add[0], parent.lmLog10 + s.log10Prob(), parent.words + 1,
                0, 0, vocabSize(), 0);
    }

    /** LM score of a completed word; {@code add[0]} gets its search-score contribution (weights, bonus, OOV penalty). */
    private ArpaModel.Scored scoreWord(LmState state, String word, double[] add) {
        int id = lm.wordIdAnyCase(word);
        ArpaModel.Scored s = lm.score(state, id);
        add[0] = options.alpha() * LN10 * s.log10Prob() + options.beta() + (id < 0 ? oovPenalty : 0);
        return s;
    }

    /** Characters since the last delimiter (silent tokens skipped). */
    private String currentWord(PrefixNode node) {
        if (node.wordLength == 0) return "";
        char[] out = new char[node.wordLength];
        int end = out.length;
        for (PrefixNode n = node; n != null && n.token >= 0 && n.token != alphabet.delimiter(); n = n.parent) {
            if (silent[n.token]) continue;
            String t = tokens[n.token];
            end -= t.length();
            t.getChars(0, t.length(), out, end);
        }
        return new String(out, end, out.length - end);
    }

    private CtcHypothesis finish(Candidate c) {
        PrefixNode node = c.node;
        double acoustic = logAdd(c.pBlank, c.pLabel);
        double lmScore = node.lmScore;
        double lmLog10 = node.lmLog10;
        int words = node.words;
        String last = currentWord(node);
        LmState state = node.lmState;
        if (!last.isEmpty()) {
            words++;
            lmScore += options.beta();
            if (lm != null) {
                double[] add = new double[1];
                ArpaModel.Scored s = scoreWord(state, last, add);
                lmScore += add[0] - options.beta();
                lmLog10 += s.log10Prob();
                state = s.next();
            }
        }
        if (lm != null) {
            float end = lm.endSentence(state);
            lmScore += options.alpha() * LN10 * end;
            lmLog10 += end;
        }
        int[] labels = node.labels();
        return new CtcHypothesis(alphabet.text(labels, labels.length), acoustic + lmScore, acoustic, lmLog10, words, labels);
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }

    /** A prefix and its probabilities (natural log) of ending in a blank / in a label. */
    static final class Candidate {
        final PrefixNode node;
        double pBlank = Double.NEGATIVE_INFINITY;
        double pLabel = Double.NEGATIVE_INFINITY;
        double score;

        Candidate(PrefixNode node) { this.node = node; }
    }

    /** Open-addressing map from label sequences (by hash, checked for equality) to the candidates of one frame. */
    static final class PrefixMap {
        private long[] keys = new long[256];
        private Candidate[] slots = new Candidate[256];
        private Candidate[] order = new Candidate[128];
        private int[] used = new int[128];
        private int size;

        void clear() {
            for (int i = 0; i < size; i++) slots[used[i]] = null;
            size = 0;
        }

        /** The candidate of {@code node}'s own sequence. */
        Candidate get(PrefixNode node) {
            int mask = slots.length - 1;
            for (int i = mix(node.hash) & mask; ; i = (i + 1) & mask) {
                Candidate c = slots[i];
                if (c == null) return insert(i, node);
                if (keys[i] == node.hash && PrefixNode.same(c.node, node)) return c;
            }
        }

        /** The candidate of {@code parent} + {@code token}, creating the node through the decoder when new. */
        Candidate child(PrefixNode parent, int token, CtcBeamDecoder decoder) {
            long h = PrefixNode.childHash(parent.hash, token);
            int mask = slots.length - 1;
            for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
                Candidate c = slots[i];
                if (c == null) return insert(i, decoder.extend(parent, token));
                if (keys[i] == h && c.node.token == token && PrefixNode.same(c.node.parent, parent)) return c;
            }
        }

        Candidate[] values() { return Arrays.copyOf(order, size); }

        private Candidate insert(int slot, PrefixNode node) {
            Candidate c = new Candidate(node);
            slots[slot] = c;
            keys[slot] = node.hash;
            if (size == order.length) {
                order = Arrays.copyOf(order, size * 2);
                used = Arrays.copyOf(used, size * 2);
            }
            used[size] = slot;
            order[size++] = c;
            if (size * 2 > slots.length) grow();
            return c;
        }

        private void grow() {
            Candidate[] old = Arrays.copyOf(order, size);
            keys = new long[slots.length * 2];
            slots = new Candidate[keys.length];
            int mask = slots.length - 1;
            for (int k = 0; k < old.length; k++) {
                Candidate c = old[k];
                int i = mix(c.node.hash) & mask;
                while (slots[i] != null) i = (i + 1) & mask;
                slots[i] = c;
                keys[i] = c.node.hash;
                used[k] = i;
            }
        }

        private static int mix(long h) { return (int) (h ^ (h >>> 32)); }
    }
}
