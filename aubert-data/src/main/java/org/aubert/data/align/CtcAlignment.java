package org.aubert.data.align;

/**
 * The best CTC path of a label sequence over emissions.
 *
 * @param score      sum of the log-probabilities along the path
 * @param tokenStart first frame of each label (the frames of label {@code k} are {@code [tokenStart[k], tokenEnd[k])})
 * @param tokenEnd   one past the last frame of each label
 * @param frameLabel per frame, the index of the label the path emits there, or -1 for a blank
 */
public record CtcAlignment(double score, int[] tokenStart, int[] tokenEnd, int[] frameLabel) {

    public CtcAlignment {
        if (tokenStart.length != tokenEnd.length) throw new IllegalArgumentException("tokenStart and tokenEnd differ in length");
        tokenStart = tokenStart.clone();
        tokenEnd = tokenEnd.clone();
        frameLabel = frameLabel.clone();
    }

    @Override public int[] tokenStart() { return tokenStart.clone(); }
    @Override public int[] tokenEnd() { return tokenEnd.clone(); }
    @Override public int[] frameLabel() { return frameLabel.clone(); }

    public int labels() { return tokenStart.length; }

    public int frames() { return frameLabel.length; }

    /** First frame of label {@code k}. */
    public int start(int k) { return tokenStart[k]; }

    /** One past the last frame of label {@code k}. */
    public int end(int k) { return tokenEnd[k]; }
}
