package org.aubert.data.prepare;

/**
 * Options of {@link NgramCollator} ({@code aubert prepare}).
 *
 * @param maxNgramSize            n-grams of 1..this many words
 * @param minNgramOccurrences     keep an n-gram of a speaker only with at least this many occurrences
 * @param maxSamplesPerNgram      keep at most this many occurrences per n-gram (a seeded random choice)
 * @param maxNgramsPerSpeaker     keep at most this many n-grams per speaker (a seeded random choice)
 * @param minUtterancesPerSpeaker skip speakers with fewer aligned utterances
 * @param minAudioLengthMs        skip occurrences whose audio is shorter
 * @param contextChars            the text context reaches this many characters each side of the n-gram (then shrinks
 *                                to whole words)
 * @param groupsPerShard          n-gram groups per shard file
 * @param sampleRate              audio sample rate of the shards
 * @param seed                    seed of every random choice
 */
public record CollatorConfig(int maxNgramSize, int minNgramOccurrences, int maxSamplesPerNgram, int maxNgramsPerSpeaker,
                             int minUtterancesPerSpeaker, long minAudioLengthMs, int contextChars, int groupsPerShard,
                             int sampleRate, long seed) {

    public static final CollatorConfig DEFAULT = new CollatorConfig(4, 4, 32, 1000, 1, 100, 512, 256, 16000, 0);

    public CollatorConfig {
        positive(maxNgramSize, "max n-gram size");
        positive(minNgramOccurrences, "min n-gram occurrences");
        positive(maxSamplesPerNgram, "max samples per n-gram");
        positive(maxNgramsPerSpeaker, "max n-grams per speaker");
        positive(minUtterancesPerSpeaker, "min utterances per speaker");
        positive(groupsPerShard, "groups per shard");
        positive(sampleRate, "sample rate");
        if (minAudioLengthMs < 0) throw new IllegalArgumentException("min audio length must be >= 0 ms, got " + minAudioLengthMs);
        if (contextChars < 0) throw new IllegalArgumentException("context chars must be >= 0, got " + contextChars);
        if (maxSamplesPerNgram < minNgramOccurrences) {
            throw new IllegalArgumentException("max samples per n-gram (" + maxSamplesPerNgram + ") is below min occurrences ("
                    + minNgramOccurrences + "): no group could be kept");
        }
    }

    private static void positive(long v, String what) {
        if (v < 1) throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
}
