package org.aubert.data.ctc;

/**
 * Settings of {@link CtcBeamDecoder}.
 *
 * @param beamWidth      prefixes kept after each frame
 * @param alpha          LM weight: the LM adds {@code alpha * ln(10) * log10 p(word | history)} per word
 * @param beta           word insertion bonus, added per completed word
 * @param beamPruneMargin prefixes scoring more than this (natural log) below the best are dropped;
 *                       {@code Double.POSITIVE_INFINITY} keeps all (up to the width)
 * @param tokenMinLogProb per frame only tokens with a log-probability at least this are extended (the
 *                       frame's best token always is); {@code Double.NEGATIVE_INFINITY} keeps all
 * @param tokenTopK      per frame at most this many tokens (the most probable) are extended; 0 = no limit
 * @param unknownWordPenalty with an LM and alpha != 0, added (natural log) to a prefix whose partial word no LM word starts
 *                       with, and to each completed word the LM does not know (pyctcdecode's unk_score_offset);
 *                       without it a search with a strong LM prefers to never end a word
 */
public record BeamSearchOptions(int beamWidth, double alpha, double beta, double beamPruneMargin, double tokenMinLogProb, int tokenTopK,
                                double unknownWordPenalty) {

    /** With the default unknown-word penalty of -10. */
    public BeamSearchOptions(int beamWidth, double alpha, double beta, double beamPruneMargin, double tokenMinLogProb, int tokenTopK) {
        this(beamWidth, alpha, beta, beamPruneMargin, tokenMinLogProb, tokenTopK, -10.0);
    }

    public BeamSearchOptions {
        if (beamWidth < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + beamWidth);
        if (!(beamPruneMargin >= 0)) throw new IllegalArgumentException("beam prune margin must be >= 0, got " + beamPruneMargin);
        if (Double.isNaN(tokenMinLogProb)) throw new IllegalArgumentException("token min log-prob is NaN");
        if (tokenTopK < 0) throw new IllegalArgumentException("token top-k must be >= 0, got " + tokenTopK);
        if (Double.isNaN(alpha) || Double.isNaN(beta)) throw new IllegalArgumentException("alpha/beta is NaN");
        if (!(unknownWordPenalty <= 0)) throw new IllegalArgumentException("unknown-word penalty must be <= 0, got " + unknownWordPenalty);
    }

    /** Width 20, alpha 0.5, beta 1.0, prune margin 10, token cutoff log p >= -5 (pyctcdecode's defaults), no top-k. */
    public static BeamSearchOptions defaults() { return new BeamSearchOptions(20, 0.5, 1.0, 10.0, -5.0, 0); }

    /** No pruning at all besides the width: the search is exact while the number of prefixes stays below it. */
    public static BeamSearchOptions exhaustive(int beamWidth) {
        return new BeamSearchOptions(beamWidth, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
    }

    public BeamSearchOptions withBeamWidth(int w) { return new BeamSearchOptions(w, alpha, beta, beamPruneMargin, tokenMinLogProb, tokenTopK, unknownWordPenalty); }

    public BeamSearchOptions withLmWeights(double a, double b) { return new BeamSearchOptions(beamWidth, a, b, beamPruneMargin, tokenMinLogProb, tokenTopK, unknownWordPenalty); }

    public BeamSearchOptions withPruning(double margin, double minLogProb, int topK) {
        return new BeamSearchOptions(beamWidth, alpha, beta, margin, minLogProb, topK, unknownWordPenalty);
    }

    public BeamSearchOptions withUnknownWordPenalty(double penalty) {
        return new BeamSearchOptions(beamWidth, alpha, beta, beamPruneMargin, tokenMinLogProb, tokenTopK, penalty);
    }
}
