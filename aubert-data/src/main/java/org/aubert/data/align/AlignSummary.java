package org.aubert.data.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code aubert align} did: files written / skipped / bad, utterances aligned and skipped by reason. */
public record AlignSummary(int filesWritten, int filesExisting, int filesBad, int aligned, Map<AlignRunner.Skip, Integer> skipped,
                           double seconds) {
    public AlignSummary {
        skipped = Map.copyOf(skipped);
    }

    public int skippedTotal() { return skipped.values().stream().mapToInt(Integer::intValue).sum(); }

    public String line() {
        List<String> parts = new ArrayList<>();
        for (AlignRunner.Skip s : AlignRunner.Skip.values()) parts.add(skipped.getOrDefault(s, 0) + " " + s.label());
        return String.format(Locale.ROOT, "align: %d files written, %d existing skipped, %d bad; %d utterances aligned, %d skipped (%s) in %.1f s",
                filesWritten, filesExisting, filesBad, aligned, skippedTotal(), String.join(", ", parts), seconds);
    }
}
