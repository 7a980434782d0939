package org.aubert.data.lm;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of an {@link LmBuilder} run: text read (files, sentences, words, word types, lines skipped as not
 * UTF-8), n-grams written per order, the discounts per order, the output, and whether it was skipped because
 * it existed.
 */
public record LmSummary(Path output, boolean skipped, int files, long sentences, long words, int types, int badLines,
                        long[] ngrams, List<Discount> discounts, double wallSec) {

    public LmSummary {
        ngrams = ngrams.clone();
        discounts = List.copyOf(discounts);
    }

    static LmSummary skipped(Path output, int files) {
        return new LmSummary(output, true, files, 0, 0, 0, 0, new long[0], List.of(), 0);
    }

    /** The one-line summary the command prints. */
    public String line() {
        if (skipped) return "build-lm: " + output + " exists, skipped (--overwrite rebuilds it)";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "build-lm: %d files, %d sentences, %d words, %d types, %d bad lines skipped; %d-gram model:",
                files, sentences, words, types, badLines, ngrams.length));
        for (int k = 0; k < ngrams.length; k++) {
            Discount d = discounts.get(k);
            sb.append(String.format(Locale.ROOT, " %d-grams %d (D %.3f %.3f %.3f%s)", k + 1, ngrams[k], d.d1(), d.d2(), d.d3(),
                    d.fallback() ? " fallback" : ""));
        }
        sb.append(String.format(Locale.ROOT, "; %.2f s -> %s", wallSec, output));
        return sb.toString();
    }
}
