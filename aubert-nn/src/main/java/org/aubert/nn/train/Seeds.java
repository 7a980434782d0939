package org.aubert.nn.train;

/** Independent, reproducible seeds derived from the run's seed, a purpose and an index (SplitMix64 finaliser). */
final class Seeds {
    static final long DROPOUT = 0x6472_6f70L;
    static final long DATA_ORDER = 0x6461_7461L;

    private Seeds() {}

    static long mix(long seed, long purpose, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
