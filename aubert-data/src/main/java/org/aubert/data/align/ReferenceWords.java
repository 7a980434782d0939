package org.aubert.data.align;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * Reference word times by utterance {@code fname}, for pairing an alignment's words with them: a word pairs with the
 * reference word that starts on its first character and ends inside it (the aligner's words may carry trailing
 * punctuation). Utterances without words are left out.
 */
final class ReferenceWords {
    private final Map<String, Map<Integer, WordTiming>> byFname = new HashMap<>();

    ReferenceWords(List<Utterance> reference) {
        for (Utterance u : reference) {
            if (u.words() == null) continue;
            Map<Integer, WordTiming> byStart = byFname.computeIfAbsent(u.fname(), k -> new HashMap<>());
            for (WordTiming w : u.words()) byStart.put(w.charStart(), w);
        }
    }

    boolean isEmpty() { return byFname.isEmpty(); }

    boolean has(String fname) { return byFname.containsKey(fname); }

    /** One fname the reference holds, for error messages. */
    String anyFname() { return byFname.keySet().iterator().next(); }

    /** The reference word of the word spanning {@code [charStart, charEnd)} in utterance {@code fname}, or null. */
    WordTiming counterpart(String fname, int charStart, int charEnd) {
        WordTiming r = byFname.getOrDefault(fname, Map.of()).get(charStart);
        return r != null && r.charEnd() <= charEnd ? r : null;
    }
}
