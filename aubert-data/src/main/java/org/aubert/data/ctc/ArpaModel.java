package org.aubert.data.ctc;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A back-off word n-gram language model read from an ARPA file (plain or gzip, recognised by its magic
 * bytes). Memory: words live in a compact {@link WordIndex}; unigrams in arrays indexed by word id; each
 * higher order in an {@link NgramTable} of {@code long} keys and {@code float} arrays, about 30 bytes per
 * n-gram, with no object per n-gram.
 *
 * <p>Scores are log10 probabilities with the usual back-off: {@code p(w | h) = p(w | h')} times the back-off
 * weights of the histories that had to be shortened. A word the model does not know scores as
 * {@code <unk>} when the model has it (case-insensitively), else {@link #OOV_LOG10_PROB}. Thread-safe after
 * loading.
 */
public final class ArpaModel {
    private static final Logger log = LoggerFactory.getLogger(ArpaModel.class);

    /** log10 probability of an unknown word when the model has no {@code <unk>}. */
    public static final float OOV_LOG10_PROB = -10f;

    /** A word's log10 probability and the state after it. */
    public record Scored(float log10Prob, LmState next) {}

    private final int order;
    private final long[] declaredCounts;
    private final WordIndex words;
    private final float[] uniProb;
    private final float[] uniBackoff;
    private final NgramTable[] tables; // tables[n] for order n >= 2; [0] and [1] unused
    private final int unkId;
    private final int bosId;
    private final int eosId;

    private ArpaModel(long[] declaredCounts, WordIndex words, float[] uniProb, float[] uniBackoff, NgramTable[] tables) {
        this.order = declaredCounts.length;
        this.declaredCounts = declaredCounts;
        this.words = words;
        this.uniProb = uniProb;
        this.uniBackoff = uniBackoff;
        this.tables = tables;
        int unk = words.find("<unk>");
        if (unk < 0) unk = words.find("<UNK>");
        this.unkId = unk;
        this.bosId = words.find("<s>");
        this.eosId = words.find("</s>");
    }

    /** Reads an ARPA file; gzip is detected from the content. */
    public static ArpaModel load(Path file) throws IOException {
        long t0 = System.nanoTime();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20);
            ArpaModel m = new Parser(file, reader).parse();
            log.debug("{}: {}-gram model, counts {}, ~{} MB, loaded in {} ms", file, m.order, Arrays.toString(m.declaredCounts),
                    m.approximateBytes() >> 20, (System.nanoTime() - t0) / 1_000_000);
            return m;
        }
    }

    public int order() { return order; }

    /** Number of n-grams of order {@code n} (1-based), as declared in the file's header. */
    public long ngramCount(int n) {
        if (n < 1 || n > order) throw new IllegalArgumentException("order " + n + " not in 1.." + order);
        return declaredCounts[n - 1];
    }

    public int vocabularySize() { return words.size(); }

    /** Id of {@code word}, or -1 when the model does not have it. */
    public int wordId(String word) { return words.find(word); }

    /** Id of {@code word}: exact, else lower case, else upper case; -1 when none is known. */
    public int wordIdAnyCase(String word) {
        int id = words.find(word);
        if (id >= 0) return id;
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(word) && (id = words.find(lower)) >= 0) return id;
        String upper = word.toUpperCase(java.util.Locale.ROOT);
        return upper.equals(word) ? -1 : words.find(upper);
    }

    public String word(int id) { return words.word(id); }

    /** The state at the start of a sentence: after {@code <s>}, or empty when the model has no {@code <s>}. */
    public LmState beginSentenceState() { return bosId >= 0 && order > 1 ? new LmState(new int[] {bosId}) : LmState.EMPTY; }

    /** The state with no history. */
    public LmState nullContextState() { return LmState.EMPTY; }

    /**
     * log10 p(word | state) with back-off, and the next state. {@code word} is an id from {@link #wordId};
     * -1 (unknown) scores as {@code <unk>}.
     */
    public Scored score(LmState state, int word) {
        int w = word >= 0 ? word : unkId;
        int k = state.length();
        int[] h = state.words();
        // ctx[j] = dense id of the history suffix of length j (j = 1..k) in its order's table, or -1.
        int[] ctx = new int[k + 1];
        for (int j = 1; j <= k; j++) ctx[j] = denseId(h, k - j, k);
        float backoffSum = 0f;
        float p = Float.NaN;
        if (w < 0) {
            for (int j = k; j >= 1; j--) if (ctx[j] >= 0) backoffSum += backoffOf(j, ctx[j]);
            p = OOV_LOG10_PROB;
        } else {
            for (int j = k; j >= 0; j--) {
                if (j > 0 && ctx[j] < 0) continue;
                float q = j == 0 ? uniProb[w] : probOf(j + 1, tables[j + 1].find(ctx[j], w));
                if (!Float.isNaN(q)) {
                    p = q;
                    break;
                }
                if (j > 0) backoffSum += backoffOf(j, ctx[j]);
            }
            if (Float.isNaN(p)) p = OOV_LOG10_PROB; // a word seen only as a context: should not happen in valid files
        }
        return new Scored(p + backoffSum, nextState(h, w));
    }

    /** log10 p(&lt;/s&gt; | state), or 0 when the model has no {@code </s>}. */
    public float endSentence(LmState state) {
        return eosId < 0 ? 0f : score(state, eosId).log10Prob();
    }

    /** log10 p(word | history...), history oldest first; words looked up exactly. */
    public float log10Prob(String word, String... history) {
        int[] ids = new int[history.length];
        for (int i = 0; i < ids.length; i++) ids[i] = wordId(history[i]);
        return score(trimmed(ids), wordId(word)).log10Prob();
    }

    /** log10 probability of a whole sentence of space-separated words, with {@code <s>} and {@code </s>}. */
    public double sentenceLog10Prob(String sentence) {
        LmState s = beginSentenceState();
        double total = 0;
        for (String w : sentence.trim().split("\\s+")) {
            if (w.isEmpty()) continue;
            Scored sc = score(s, wordId(w));
            total += sc.log10Prob();
            s = sc.next();
        }
        return total + endSentence(s);
    }

    /** Approximate heap bytes of the model's arrays. */
    public long approximateBytes() {
        long b = words.bytes() + 8L * uniProb.length;
        for (NgramTable t : tables) if (t != null) b += t.bytes();
        return b;
    }

    static float parsePlainDecimalForTest(String s) { return Parser.parsePlainDecimal(s, 0, s.length()); }

    private LmState trimmed(int[] history) {
        int from = Math.max(0, history.length - (order - 1));
        int[] h = Arrays.copyOfRange(history, from, history.length);
        for (int s = 0; s < h.length; s++) {
            if (denseId(h, s, h.length) >= 0) return new LmState(Arrays.copyOfRange(h, s, h.length));
        }
        return LmState.EMPTY;
    }

    private LmState nextState(int[] h, int w) {
        if (order == 1 || w < 0) return LmState.EMPTY;
        int len = Math.min(h.length + 1, order - 1);
        int[] seq = new int[len];
        int skip = h.length + 1 - len;
        for (int i = 0; i < len - 1; i++) seq[i] = h[skip + i];
        seq[len - 1] = w;
        for (int s = 0; s < len; s++) {
            if (denseId(seq, s, len) >= 0) return s == 0 ? new LmState(seq) : new LmState(Arrays.copyOfRange(seq, s, len));
        }
        return LmState.EMPTY;
    }

    /** Dense id of the n-gram {@code seq[from, to)} in its order's table (a word id for a unigram), or -1. */
    private int denseId(int[] seq, int from, int to) {
        int id = seq[from];
        if (id < 0) return -1;
        for (int i = from + 1; i < to && id >= 0; i++) id = tables[i - from + 1].find(id, seq[i]);
        return id;
    }

    private float probOf(int n, int dense) { return dense < 0 ? Float.NaN : tables[n].prob(dense); }

    private float backoffOf(int n, int dense) { return n == 1 ? uniBackoff[dense] : tables[n].backoff(dense); }

    /** The ARPA reader: header counts, then one section per order, then \end\. */
    private static final class Parser {
        private final Path file;
        private final BufferedReader reader;
        private long lineNo;
        private String pending;

        Parser(Path file, BufferedReader reader) {
            this.file = file;
            this.reader = reader;
        }

        private String next() throws IOException {
            if (pending != null) {
                String s = pending;
                pending = null;
                return s;
            }
            String s = reader.readLine();
            if (s != null) lineNo++;
            return s;
        }

        private ArpaFormatException error(String problem) { return new ArpaFormatException(file, lineNo, problem); }

        ArpaModel parse() throws IOException {
            String line;
            while ((line = next()) != null && !line.trim().equals("\\data\\")) {
                // free text before \data\ is allowed
            }
            if (line == null) throw new ArpaFormatException(file, lineNo, "no \\data\\ header: not an ARPA file");
            long[] counts = new long[0];
            while ((line = next()) != null) {
                String t = line.trim();
                if (t.isEmpty()) {
                    if (counts.length > 0) break;
                    continue;
                }
                if (t.startsWith("\\")) {
                    pending = line; // the section line is re-read below
                    break;
                }
                counts = parseCount(t, counts);
            }
            if (counts.length == 0) throw error("the \\data\\ header declares no 'ngram N=count' lines");
            int order = counts.length;
            WordIndex words = new WordIndex();
            float[] uniProb = new float[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, counts[0]))];
            float[] uniBackoff = new float[uniProb.length];
            NgramTable[] tables = new NgramTable[order + 1];
            for (int n = 2; n <= order; n++) tables[n] = new NgramTable(counts[n - 1], n < order);
            int expectedOrder = 1;
            boolean ended = false;
            while ((line = next()) != null) {
                String t = line.trim();
                if (t.isEmpty()) continue;
                if (t.equals("\\end\\")) {
                    ended = true;
                    break;
                }
                int n = sectionOrder(t);
                if (n < 1 || n > order) {
                    throw error("section '" + t + "' is for an unknown order: the header declares orders 1.." + order);
                }
                if (n != expectedOrder) throw error("section '" + t + "' out of order: expected \\" + expectedOrder + "-grams:");
                expectedOrder++;
                long seen = n == 1 ? readUnigrams(counts[0], words, uniProb, uniBackoff, order)
                                   : readNgrams(n, order, words, tables);
                if (seen != counts[n - 1]) {
                    throw error("the header declares " + counts[n - 1] + " " + n + "-grams but the section has " + seen);
                }
            }
            if (!ended) throw new ArpaFormatException(file, lineNo, "no \\end\\ line: the file is truncated");
            if (expectedOrder != order + 1) throw error("the header declares " + order + " orders but the file has sections for "
                    + (expectedOrder - 1));
            words.trim();
            for (NgramTable tb : tables) if (tb != null) tb.trim();
            return new ArpaModel(counts, words, Arrays.copyOf(uniProb, words.size()), Arrays.copyOf(uniBackoff, words.size()), tables);
        }

        private long[] parseCount(String t, long[] counts) throws ArpaFormatException {
            // "ngram N=count"
            if (!t.startsWith("ngram")) throw error("bad counts header line '" + t + "': expected 'ngram N=count'");
            String rest = t.substring(5).trim();
            int eq = rest.indexOf('=');
            if (eq < 0) throw error("bad counts header line '" + t + "': expected 'ngram N=count'");
            int n;
            long c;
            try {
                n = Integer.parseInt(rest.substring(0, eq).trim());
                c = Long.parseLong(rest.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw error("bad counts header line '" + t + "': expected 'ngram N=count' with integers");
            }
            if (n != counts.length + 1) throw error("bad counts header line '" + t + "': expected order " + (counts.length + 1));
            if (c < 0) throw error("bad counts header line '" + t + "': negative count");
            long[] out = Arrays.copyOf(counts, n);
            out[n - 1] = c;
            return out;
        }

        private static int sectionOrder(String t) {
            if (!t.startsWith("\\") || !t.endsWith("-grams:")) return -1;
            try {
                return Integer.parseInt(t.substring(1, t.length() - "-grams:".length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private long readUnigrams(long declared, WordIndex words, float[] prob, float[] backoff, int order) throws IOException {
            long seen = 0;
            int[] starts = new int[4];
            int[] ends = new int[4];
            String line;
            while ((line = next()) != null) {
                if (!line.isEmpty() && line.charAt(0) == '\\') {
                    pending = line;
                    break;
                }
                int f = split(line, starts, ends);
                if (f == 0) break;
                checkFields(f, 1, order);
                seen++;
                int id = words.add(line, starts[1], ends[1]);
                if (id >= prob.length) throw error("more 1-grams than the " + declared + " declared");
                prob[id] = parseFloat(line, starts[0], ends[0]);
                backoff[id] = f == 3 ? parseFloat(line, starts[2], ends[2]) : 0f;
            }
            return seen;
        }

        private long readNgrams(int n, int order, WordIndex words, NgramTable[] tables) throws IOException {
            long seen = 0;
            String prev = null;
            int prevCtxStart = 0;
            int prevCtxLen = -1;
            int prevCtx = -1;
            int[] starts = new int[n + 2];
            int[] ends = new int[n + 2];
            String line;
            while ((line = next()) != null) {
                if (!line.isEmpty() && line.charAt(0) == '\\') {
                    pending = line;
                    break;
                }
                int f = split(line, starts, ends);
                if (f == 0) break;
                checkFields(f, n, order);
                seen++;
                // ARPA writers group n-grams by context: reuse the previous line's context id when it is the same
                int ctxLen = ends[n - 1] - starts[1];
                int id;
                int first;
                if (prev != null && ctxLen == prevCtxLen && line.regionMatches(starts[1], prev, prevCtxStart, ctxLen)) {
                    id = prevCtx;
                    first = n;
                } else {
                    id = -1;
                    first = 1;
                }
                for (int i = first; i <= n; i++) {
                    int w = words.find(line, starts[i], ends[i]);
                    if (w < 0) throw error("word '" + line.substring(starts[i], ends[i]) + "' is not among the 1-grams");
                    id = i == 1 ? w : tables[i].add(id, w);
                    if (i == n - 1) {
                        prevCtx = id;
                        prev = line;
                        prevCtxStart = starts[1];
                        prevCtxLen = ctxLen;
                    }
                }
                float p = parseFloat(line, starts[0], ends[0]);
                float b = f == n + 2 ? parseFloat(line, starts[n + 1], ends[n + 1]) : 0f;
                tables[n].set(id, p, b);
            }
            return seen;
        }

        private void checkFields(int f, int n, int order) throws ArpaFormatException {
            boolean ok = f == n + 1 || (f == n + 2 && n < order);
            if (!ok) {
                throw error("a " + n + "-gram line needs " + (n + 1) + (n < order ? " or " + (n + 2) : "")
                        + " fields (log10 prob, " + n + " word" + (n > 1 ? "s" : "") + (n < order ? ", optional back-off" : "")
                        + "), got " + f);
            }
        }

        private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

        /**
         * Fast path for the usual "-1.234567": an optional sign, at most 15 digits around an optional point, no
         * exponent; NaN when the text is anything else (then {@link Float#parseFloat} decides). Exact in double,
         * so the float is correctly rounded but for rare double-rounding ties.
         */
        static float parsePlainDecimal(String s, int from, int to) {
            int i = from;
            boolean negative = false;
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) negative = s.charAt(i++) == '-';
            long mantissa = 0;
            int digits = 0;
            int fraction = -1;
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++digits > 15) return Float.NaN;
                    mantissa = mantissa * 10 + (c - '0');
                    if (fraction >= 0) fraction++;
                } else if (c == '.' && fraction < 0) {
                    fraction = 0;
                } else {
                    return Float.NaN;
                }
            }
            if (digits == 0) return Float.NaN;
            double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
            return (float) (negative ? -v : v);
        }

        /** Whitespace-separated fields of {@code line}; returns their number (counts beyond the arrays too). */
        private static int split(String line, int[] starts, int[] ends) {
            int f = 0;
            int i = 0;
            int len = line.length();
            while (i < len) {
                while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
                if (i >= len) break;
                int s = i;
                while (i < len && line.charAt(i) != ' ' && line.charAt(i) != '\t') i++;
                if (f < starts.length) {
                    starts[f] = s;
                    ends[f] = i;
                }
                f++;
            }
            return f;
        }

        private float parseFloat(String line, int from, int to) throws ArpaFormatException {
            float fast = parsePlainDecimal(line, from, to);
            if (!Float.isNaN(fast)) return fast;
            String s = line.substring(from, to);
            try {
                return Float.parseFloat(s);
            } catch (NumberFormatException e) {
                if (s.equalsIgnoreCase("-inf")) return Float.NEGATIVE_INFINITY;
                if (s.equalsIgnoreCase("inf")) return Float.POSITIVE_INFINITY;
                throw error("'" + s + "' is not a number");
            }
        }
    }
}
