package org.aubert.data.prepare;

import java.util.List;

/** The kept occurrences of one n-gram (its words joined by single spaces) by one speaker, in corpus order. */
public record NgramGroup(String speaker, String ngram, List<Occurrence> occurrences) {
    public NgramGroup {
        occurrences = List.copyOf(occurrences);
    }

    public int size() { return occurrences.size(); }
}
