package org.aubert.data.lm;

/**
 * Settings of {@link LmBuilder}: the n-gram order, the smallest raw count an n-gram of order 2 and more needs to
 * stay in the model (1 keeps everything), and whether an existing output is rebuilt.
 */
public record LmConfig(int order, int minCount, boolean overwrite) {
    public LmConfig {
        if (order < 1) throw new IllegalArgumentException("--order must be at least 1, got " + order);
        if (minCount < 1) throw new IllegalArgumentException("--min-count must be at least 1, got " + minCount);
    }
}
