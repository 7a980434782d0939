package org.aubert.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tiny ARPA reader for the tests (independent of the writer): back-off probabilities straight from the file. */
final class ArpaFile {
    final Map<String, Double> log10Prob = new HashMap<>();
    final Map<String, Double> log10Backoff = new HashMap<>();
    final Set<String> vocabulary = new LinkedHashSet<>();
    final List<List<String>> ngrams = new ArrayList<>();
    int order;

    static ArpaFile read(Path file) throws IOException {
        ArpaFile a = new ArpaFile();
        List<String> lines = Files.readAllLines(file);
        assertEquals("\\data\\", lines.get(0));
        int i = 1;
        List<Integer> declared = new ArrayList<>();
        while (lines.get(i).startsWith("ngram ")) {
            declared.add(Integer.parseInt(lines.get(i).substring(lines.get(i).indexOf('=') + 1)));
            i++;
        }
        a.order = declared.size();
        for (int k = 1; k <= a.order; k++) {
            while (lines.get(i).isEmpty()) i++;
            assertEquals("\\" + k + "-grams:", lines.get(i++));
            int count = 0;
            for (; !lines.get(i).isEmpty(); i++, count++) {
                String[] f = lines.get(i).split("\t");
                assertEquals(k < a.order ? 3 : 2, f.length, lines.get(i));
                String gram = f[1];
                assertEquals(k, gram.split(" ").length, lines.get(i));
                a.log10Prob.put(gram, Double.parseDouble(f[0]));
                if (k < a.order) a.log10Backoff.put(gram, Double.parseDouble(f[2]));
                if (k == 1) a.vocabulary.add(gram);
                a.ngrams.add(List.of(gram.split(" ")));
            }
            assertEquals(declared.get(k - 1), count, k + "-gram count");
        }
        while (lines.get(i).isEmpty()) i++;
        assertEquals("\\end\\", lines.get(i));
        assertTrue(a.vocabulary.containsAll(List.of("<unk>", "<s>", "</s>")));
        return a;
    }

    /** p(w | history) by the ARPA back-off rule; history is cut to order-1 words. */
    double prob(List<String> history, String w) {
        List<String> h = history.size() > order - 1 ? history.subList(history.size() - order + 1, history.size()) : history;
        double logp = 0;
        while (true) {
            String gram = h.isEmpty() ? w : String.join(" ", h) + " " + w;
            Double p = log10Prob.get(gram);
            if (p != null) return Math.pow(10, logp + p);
            if (h.isEmpty()) return 0;
            logp += log10Backoff.getOrDefault(String.join(" ", h), 0.0);
            h = h.subList(1, h.size());
        }
    }
}
