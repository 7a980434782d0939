package org.aubert.data.prepare;

/** What {@code aubert prepare} did, for its summary line and the run manifest. */
public record CollationSummary(int speakersWritten, int speakersResumed, int speakersTooFew, int utterances,
                               int utterancesWithoutWords, int utterancesBad, int missingAudio, int badAudio,
                               long occurrencesTooShort, int groups, long instances, int groupsDroppedAfterAudio,
                               int shards, double audioSeconds) {

    public String line() {
        return String.format(java.util.Locale.ROOT,
                "prepare: %d speakers written (%d resumed, %d with too few utterances), %d groups, %d instances, %.1f s audio,"
                        + " %d shards; skipped: %d utterances without words, %d bad, %d missing audio, %d undecodable audio,"
                        + " %d occurrences too short, %d groups too small after audio problems",
                speakersWritten, speakersResumed, speakersTooFew, groups, instances, audioSeconds, shards,
                utterancesWithoutWords, utterancesBad, missingAudio, badAudio, occurrencesTooShort, groupsDroppedAfterAudio);
    }
}
