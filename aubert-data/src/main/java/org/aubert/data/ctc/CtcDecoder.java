package org.aubert.data.ctc;

/** Turns per-frame CTC scores [T][V] into text; implementations are thread-safe. */
@FunctionalInterface
public interface CtcDecoder {
    /** Decodes the first {@code frames} rows of {@code logProbs}. */
    CtcHypothesis decode(float[][] logProbs, int frames);
}
