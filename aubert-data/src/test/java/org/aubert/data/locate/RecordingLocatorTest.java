package org.aubert.data.locate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.data.align.Emissions;
import org.aubert.data.match.BookMatcher;

class RecordingLocatorTest {

    static CtcTokenizer tokenizer() throws Exception {
        return CtcTokenizer.load(Path.of(RecordingLocatorTest.class.getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI()));
    }

    /** A book of random words over a small lexicon (so many places look alike), one sentence per 12 words. */
    static List<String> bookWords(SplittableRandom r, int n) {
        String[] lexicon = new String[300];
        for (int i = 0; i < lexicon.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 0, len = 2 + r.nextInt(6); k < len; k++) w.append((char) ('a' + r.nextInt(26)));
            lexicon[i] = w.toString();
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) words.add(lexicon[r.nextInt(lexicon.length)]);
        return words;
    }

    /**
     * What a weak CTC model might emit for these words: every letter on one frame then a blank, a delimiter between
     * words; each letter frame gives its letter only 0.5, and one letter in three is heard as another.
     */
    static Emissions weakModel(CtcTokenizer tok, SplittableRandom r, List<String> words) {
        List<float[]> rows = new ArrayList<>();
        int vocab = tok.vocabSize();
        for (int w = 0; w < words.size(); w++) {
            if (w > 0) rows.add(frame(vocab, tok.wordDelimiterId(), 0.6));
            for (char c : words.get(w).toCharArray()) {
                int id = tok.encode(String.valueOf(c))[0];
                if (r.nextDouble() < 1 / 3.0) id = tok.encode(String.valueOf((char) ('a' + r.nextInt(26))))[0];
                rows.add(frame(vocab, id, 0.5));
                rows.add(frame(vocab, tok.blankId(), 0.8));
            }
        }
        rows.add(frame(vocab, tok.blankId(), 0.9));
        return Emissions.of(rows.toArray(float[][]::new)).logSoftmax();
    }

    private static float[] frame(int vocab, int id, double p) {
        float[] row = new float[vocab];
        for (int v = 0; v < vocab; v++) row[v] = (float) Math.log(v == id ? p : (1 - p) / (vocab - 1));
        return row;
    }

    private static int charStart(List<String> words, int w) {
        int at = 0;
        for (int i = 0; i < w; i++) at += words.get(i).length() + (i % 12 == 11 ? 2 : 1);
        return at;
    }

    private static String raw(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words.size(); i++) b.append(words.get(i)).append(i % 12 == 11 ? ". " : " ");
        return b.toString().strip();
    }

    @Test
    void placesEachPieceWhereItsAudioReadsEvenWhenTheTranscriptsMisleadTheTextSearch() throws Exception {
        CtcTokenizer tok = tokenizer();
        SplittableRandom r = new SplittableRandom(5);
        List<String> words = bookWords(r, 3000);
        String raw = raw(words);
        BookMatcher matcher = new BookMatcher(raw);
        int w0 = 1700;
        List<String> first = words.subList(w0, w0 + 14);
        List<String> second = words.subList(w0 + 14, w0 + 30);
        List<Emissions> audio = List.of(weakModel(tok, r, first), weakModel(tok, r, second));
        // transcripts of other text: the candidates they propose are all wrong
        List<String> misleading = List.of(String.join(" ", words.subList(100, 114)), String.join(" ", words.subList(114, 130)));

        RecordingLocator wholeBook = new RecordingLocator(matcher, tok, new RecordingLocator.Options(8, true, 1.0, 1.0, 100, 0));
        RecordingLocator.Placement p = wholeBook.place(misleading, audio);
        assertNotNull(p);
        assertArrayEquals(new int[]{charStart(words, w0), charStart(words, w0 + 13) + words.get(w0 + 13).length()}, p.spans().get(0));
        assertArrayEquals(new int[]{charStart(words, w0 + 14), charStart(words, w0 + 29) + words.get(w0 + 29).length()}, p.spans().get(1));
        assertTrue(p.lossPerFrame() > 0 && p.lossPerFrame() < 1, "loss " + p.lossPerFrame());

        RecordingLocator candidates = new RecordingLocator(matcher, tok, new RecordingLocator.Options(8, false, 1.0, 1.0, 100, 0));
        RecordingLocator.Placement wrong = candidates.place(misleading, audio);
        assertTrue(wrong == null || wrong.spans().get(0)[0] < charStart(words, w0 - 30) || wrong.spans().get(0)[0] > charStart(words, w0 + 30),
                "the misleading transcripts cannot propose the right place");
        // with the true words as transcripts the candidates suffice
        RecordingLocator.Placement right = candidates.place(List.of(String.join(" ", first), String.join(" ", second)), audio);
        assertNotNull(right);
        assertEquals(0, right.rank());
        assertArrayEquals(p.spans().get(0), right.spans().get(0));
        assertArrayEquals(p.spans().get(1), right.spans().get(1));
    }

    @Test
    void audioThatFitsNoPlaceIsNotPlaced() throws Exception {
        CtcTokenizer tok = tokenizer();
        SplittableRandom r = new SplittableRandom(8);
        List<String> words = bookWords(r, 400);
        BookMatcher matcher = new BookMatcher(raw(words));
        float[][] noise = new float[120][tok.vocabSize()];
        for (float[] row : noise) for (int v = 0; v < row.length; v++) row[v] = (float) (3 * r.nextDouble());
        Emissions e = Emissions.of(noise).logSoftmax();
        RecordingLocator strict = new RecordingLocator(matcher, tok, new RecordingLocator.Options(4, true, 0.2, 1.0, 100, 0));
        assertNull(strict.place(List.of(String.join(" ", words.subList(10, 20))), List.of(e)));
        assertThrows(IllegalArgumentException.class, () -> strict.place(List.of("a", "b"), List.of(e)));
        assertThrows(IllegalArgumentException.class, () -> new RecordingLocator.Options(0, false, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecordingLocator.Options(1, false, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecordingLocator.Options(1, false, 1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecordingLocator.Options(1, false, 1, 1, -1, 0));
    }
}
