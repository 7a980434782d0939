package org.aubert.data.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaModelTest {
    private static final double EPS = 1e-6;

    static final String TINY = String.join("\n",
            "This line is free text before the header.",
            "\\data\\",
            "ngram 1=5",
            "ngram 2=3",
            "ngram 3=1",
            "",
            "\\1-grams:",
            "-1.0\t<s>\t-0.5",
            "-0.7\t</s>",
            "-0.6\ta\t-0.3",
            "-0.9\tb\t-0.2",
            "-1.2\t<unk>",
            "",
            "\\2-grams:",
            "-0.4\t<s> a\t-0.1",
            "-0.2\ta b\t-0.15",
            "-0.3\tb </s>",
            "",
            "\\3-grams:",
            "-0.05\t<s> a b",
            "",
            "\\end\\",
            "");

    @TempDir Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void backOffArithmeticMatchesHandComputedValues() throws IOException {
        ArpaModel m = ArpaModel.load(write("tiny.arpa", TINY));
        assertEquals(3, m.order());
        assertEquals(5, m.ngramCount(1));
        assertEquals(3, m.ngramCount(2));
        assertEquals(1, m.ngramCount(3));
        assertEquals(-0.05, m.log10Prob("b", "<s>", "a"), EPS);                // trigram
        assertEquals(-0.1 - 0.3 - 0.6, m.log10Prob("a", "<s>", "a"), EPS);     // bo(<s> a) + bo(a) + p(a)
        assertEquals(-0.15 - 0.3, m.log10Prob("</s>", "a", "b"), EPS);         // bo(a b) + p(b </s>)
        assertEquals(-0.2, m.log10Prob("b", "b", "a"), EPS);                   // (b a) unseen: no back-off weight
        assertEquals(-0.3 - 1.2, m.log10Prob("zzz", "a"), EPS);                // unknown word scores as <unk>
        assertEquals(-0.4, m.log10Prob("a", "<s>"), EPS);
        assertEquals(-0.6, m.log10Prob("a"), EPS);
        // <s> a b </s> = -0.4 - 0.05 - 0.45
        assertEquals(-0.9, m.sentenceLog10Prob("a b"), EPS);
        // <s> b a </s> = (-0.5 - 0.9) + (-0.2 - 0.6) + (-0.3 - 0.7)
        assertEquals(-3.2, m.sentenceLog10Prob("b a"), EPS);
    }

    @Test
    void incrementalStatesKeepOnlyTheHistoryTheModelHolds() throws IOException {
        ArpaModel m = ArpaModel.load(write("tiny.arpa", TINY));
        LmState s = m.beginSentenceState();
        ArpaModel.Scored a = m.score(s, m.wordId("a"));
        assertEquals(-0.4, a.log10Prob(), EPS);
        assertEquals(2, a.next().length());                       // <s> a
        ArpaModel.Scored b = m.score(a.next(), m.wordId("b"));
        assertEquals(-0.05, b.log10Prob(), EPS);
        assertEquals(2, b.next().length());                       // a b
        ArpaModel.Scored b2 = m.score(b.next(), m.wordId("b"));   // (b b) is not in the model
        assertEquals(1, b2.next().length());
        assertEquals(m.score(m.nullContextState(), m.wordId("b")).next(), b2.next());
        assertEquals(-0.15 - 0.2 - 0.9, b2.log10Prob(), EPS);     // bo(a b) + bo(b) + p(b)
        assertEquals(-0.45, m.endSentence(b.next()), EPS);
    }

    @Test
    void readsGzipByContent() throws IOException {
        Path gz = tmp.resolve("tiny.arpa.bin");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(TINY.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(-0.9, ArpaModel.load(gz).sentenceLog10Prob("a b"), EPS);
    }

    private void assertError(String arpa, long line, String fragment) throws IOException {
        Path p = write("bad.arpa", arpa);
        ArpaFormatException e = assertThrows(ArpaFormatException.class, () -> ArpaModel.load(p));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(p + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void malformedFilesNameFileAndLine() throws IOException {
        assertError(TINY.replace("ngram 2=3", "ngram 2=three"), 4, "bad counts header");
        assertError(TINY.replace("ngram 2=3", "ngram two"), 4, "bad counts header");
        assertError(TINY.replace("-0.2\ta b\t-0.15", "-0.2\ta b c d"), 16, "needs 3 or 4 fields");
        assertError(TINY.replace("-0.05\t<s> a b", "-0.05\t<s> a b -0.1"), 20, "needs 4 fields");
        assertError(TINY.replace("\\3-grams:", "\\4-grams:"), 19, "unknown order");
        assertError(TINY.replace("-0.3\tb </s>", "-0.3\tb c"), 17, "'c' is not among the 1-grams");
        assertError(TINY.replace("-0.6\ta\t-0.3", "x\ta\t-0.3"), 10, "'x' is not a number");
        assertError(TINY.replace("ngram 2=3", "ngram 2=4"), 18, "declares 4 2-grams but the section has 3");
        assertError(TINY.replace("\\end\\\n", ""), 21, "no \\end\\");
        assertError("hello\nworld\n", 2, "no \\data\\");
    }

    /** A random 3-gram model checked against a plain HashMap implementation of the same back-off formula. */
    @org.junit.jupiter.params.ParameterizedTest(name = "n-grams sorted: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void agreesWithANaiveImplementationOnARandomModel(boolean sorted) throws IOException {
        Random r = new Random(7);
        int vocab = 300;
        Map<String, float[]> ngrams = new HashMap<>(); // "w1 w2 w3" -> {prob, backoff}
        StringBuilder sb = new StringBuilder();
        List<List<String>> orders = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (int i = 0; i < vocab; i++) orders.get(0).add("w" + i);
        for (int i = 0; i < 3000; i++) {
            String bi = "w" + r.nextInt(vocab) + " w" + r.nextInt(vocab);
            if (!orders.get(1).contains(bi)) orders.get(1).add(bi);
        }
        for (int i = 0; i < 6000; i++) {
            String tri = orders.get(1).get(r.nextInt(orders.get(1).size())) + " w" + r.nextInt(vocab);
            if (!ngrams.containsKey(tri)) {
                ngrams.put(tri, null);
                orders.get(2).add(tri);
            }
        }
        if (sorted) { // as ARPA writers do: grouped by context, which the reader exploits
            java.util.Collections.sort(orders.get(1));
            java.util.Collections.sort(orders.get(2));
        }
        sb.append("\\data\\\n");
        for (int n = 1; n <= 3; n++) sb.append("ngram ").append(n).append('=').append(orders.get(n - 1).size()).append('\n');
        for (int n = 1; n <= 3; n++) {
            sb.append("\n\\").append(n).append("-grams:\n");
            for (String g : orders.get(n - 1)) {
                float p = -(float) (r.nextInt(4000) / 1000.0 + 0.01);
                float b = n < 3 ? -(float) (r.nextInt(1000) / 1000.0) : 0f;
                ngrams.put(g, new float[] {p, b});
                sb.append(p).append('\t').append(g);
                if (n < 3) sb.append('\t').append(b);
                sb.append('\n');
            }
        }
        sb.append("\n\\end\\\n");
        ArpaModel m = ArpaModel.load(write("random.arpa", sb.toString()));
        for (int q = 0; q < 5000; q++) {
            String h1 = "w" + r.nextInt(vocab);
            String h2 = "w" + r.nextInt(vocab);
            String w = "w" + r.nextInt(vocab);
            if (q % 3 == 0) { // bias towards stored trigrams
                String[] t = orders.get(2).get(r.nextInt(orders.get(2).size())).split(" ");
                h1 = t[0];
                h2 = t[1];
                if (q % 2 == 0) w = t[2];
            }
            assertEquals(naive(ngrams, h1, h2, w), m.log10Prob(w, h1, h2), 1e-5, h1 + " " + h2 + " " + w);
            LmState s = m.score(m.score(m.nullContextState(), m.wordId(h1)).next(), m.wordId(h2)).next();
            assertEquals(naive(ngrams, h1, h2, w), m.score(s, m.wordId(w)).log10Prob(), 1e-5, "state " + h1 + " " + h2 + " " + w);
        }
        long perNgram = m.approximateBytes() / (orders.get(0).size() + orders.get(1).size() + orders.get(2).size());
        assertTrue(perNgram < 64, "bytes per n-gram " + perNgram);
    }

    @Test
    void fastDecimalParsingAgreesWithFloatParseFloat() {
        Random r = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            String s = String.format(java.util.Locale.ROOT, "%." + r.nextInt(9) + "f", (r.nextDouble() - 0.8) * Math.pow(10, r.nextInt(4)));
            assertEquals(Float.parseFloat(s), ArpaModel.parsePlainDecimalForTest(s), s);
        }
        for (String s : new String[] {"-1e-3", "inf", "-", ".", "1.2.3", "-99", "12345678901234567890"}) {
            float fast = ArpaModel.parsePlainDecimalForTest(s);
            assertTrue(Float.isNaN(fast) || fast == Float.parseFloat(s), s);
        }
    }

    private static float naive(Map<String, float[]> g, String h1, String h2, String w) {
        float[] tri = g.get(h1 + " " + h2 + " " + w);
        if (tri != null) return tri[0];
        float[] ctx12 = g.get(h1 + " " + h2);
        float bo = ctx12 == null ? 0 : ctx12[1];
        float[] bi = g.get(h2 + " " + w);
        if (bi != null) return bo + bi[0];
        return bo + g.get(h2)[1] + g.get(w)[0];
    }
}
