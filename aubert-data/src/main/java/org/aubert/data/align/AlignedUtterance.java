package org.aubert.data.align;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One utterance of an alignment JSON: the audio file, its transcript, the speaker, the matched span
 * {@code [startIdx, endIdx)} of the book's {@code raw} in code points (as Python indexes {@code str}), the similarity of
 * the transcript to that span, and, after forced alignment, the word timings ({@code null} before).
 *
 * @param extra fields this model does not know (e.g. {@code start_idx_old} from the original pipeline), kept in order
 *              so that a stage which rewrites the file does not lose them
 */
public record AlignedUtterance(String fname, String utterance, String speakerId, int startIdx, int endIdx, double similarity,
                               List<AlignedWord> words, Map<String, JsonNode> extra) {

    public AlignedUtterance {
        words = words == null ? null : List.copyOf(words);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public AlignedUtterance(String fname, String utterance, String speakerId, int startIdx, int endIdx, double similarity) {
        this(fname, utterance, speakerId, startIdx, endIdx, similarity, null, null);
    }

    /** The same utterance with another span and similarity (words and extra fields kept). */
    public AlignedUtterance withSpan(int start, int end, double sim) {
        return new AlignedUtterance(fname, utterance, speakerId, start, end, sim, words, extra);
    }
}
