package org.aubert.data.batch;

/**
 * Options of {@link BatchLoader}.
 *
 * @param maxBatchSize  a group with more instances is split into near-equal batches of at most this many
 * @param minGroupSize  batches with fewer instances are skipped (the original's 4: fewer negatives make the task trivial)
 * @param cropSamples   audio longer than this is cut to its first {@code cropSamples} samples (the original's 80000,
 *                      5 s at 16 kHz)
 * @param maxTokens     the text encoder's positions, {@code [CLS]} and {@code [SEP]} included; longer contexts are
 *                      cut to a window around the n-gram
 * @param threads       background threads that read and pad batches
 * @param prefetch      batches prepared ahead of the consumer
 */
public record LoaderConfig(int maxBatchSize, int minGroupSize, int cropSamples, int maxTokens, int threads, int prefetch) {

    public static final LoaderConfig DEFAULT = new LoaderConfig(32, 4, 80_000, 512, 2, 4);

    public LoaderConfig {
        if (minGroupSize < 2) throw new IllegalArgumentException("min group size must be >= 2 (a batch needs negatives), got " + minGroupSize);
        if (maxBatchSize < minGroupSize) {
            throw new IllegalArgumentException("max batch size " + maxBatchSize + " is below the min group size " + minGroupSize);
        }
        if (cropSamples < 1) throw new IllegalArgumentException("crop must be >= 1 sample, got " + cropSamples);
        if (maxTokens < 3) throw new IllegalArgumentException("max tokens must be >= 3, got " + maxTokens);
        if (threads < 1 || prefetch < 1) throw new IllegalArgumentException("threads and prefetch must be >= 1");
    }

    public LoaderConfig withMaxBatchSize(int b) { return new LoaderConfig(b, minGroupSize, cropSamples, maxTokens, threads, prefetch); }

    public LoaderConfig withCropSamples(int c) { return new LoaderConfig(maxBatchSize, minGroupSize, c, maxTokens, threads, prefetch); }

    public LoaderConfig withThreads(int t, int p) { return new LoaderConfig(maxBatchSize, minGroupSize, cropSamples, maxTokens, t, p); }
}
