import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.aubert.data.ctc.ArpaModel;
import org.aubert.data.ctc.BeamSearchOptions;
import org.aubert.data.ctc.CtcAlphabet;
import org.aubert.data.ctc.CtcBeamDecoder;
import org.aubert.data.ctc.CtcGreedyDecoder;
import org.aubert.data.ctc.CtcHypothesis;

/**
 * CTC decoding benchmark (not a test). Modes:
 * <pre>
 *   gen FILE UNIGRAMS BIGRAMS TRIGRAMS SEED   write a seeded random 3-gram ARPA
 *   load ours|berkeley FILE                   load time, retained heap, query speed
 *   decode FILE SECONDS SEED                  beam-20 decoding real-time factor on one core
 * </pre>
 * Each line of output is "key value" for run.sh to compare.
 */
public final class CtcDecodeBench {
    static final String LETTERS = "ETAOINSHRDLUMWCFGYPBVKXJQZ'";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> gen(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]));
            case "load" -> load(args[1], Path.of(args[2]));
            case "decode" -> decode(Path.of(args[1]), Double.parseDouble(args[2]), Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("mode " + args[0]);
        }
    }

    // ---------------------------------------------------------------- generation

    /** Zipf-like index in [0, n): small indices much more frequent. */
    static int zipf(Random r, int n) {
        double u = r.nextDouble();
        return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, u) - 1));
    }

    static String randomWord(Random r) {
        int len = 1 + r.nextInt(3) + r.nextInt(4) + (r.nextInt(8) == 0 ? r.nextInt(5) : 0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) sb.append(LETTERS.charAt(zipf(r, LETTERS.length() - 1)));
        return sb.toString();
    }

    static void gen(Path file, int nUni, int nBi, int nTri, long seed) throws IOException {
        Random r = new Random(seed);
        LinkedWords words = new LinkedWords();
        words.add("<s>");
        words.add("</s>");
        words.add("<unk>");
        while (words.size() < nUni) words.add(randomWord(r));
        int v = words.size();
        double harmonic = Math.log10(Math.log(v) + 0.5772);
        HashSet<Long> bigramSet = new HashSet<>();
        long[] bigrams = new long[nBi];
        int nb = 0;
        while (nb < nBi) {
            int a = r.nextInt(8) == 0 ? 0 : 3 + zipf(r, v - 3);
            int b = 1 + (r.nextInt(20) == 0 ? 0 : 2 + zipf(r, v - 3));
            if (b == 2) continue;
            long key = (long) a << 32 | b;
            if (a == 1 || !bigramSet.add(key)) continue;
            bigrams[nb++] = key;
        }
        Arrays.sort(bigrams); // ARPA writers group n-grams by context (KenLM sorts them)
        HashSet<String> triSet = new HashSet<>();
        List<String> trigrams = new ArrayList<>();
        long t0 = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("\\data\\\nngram 1=" + v + "\nngram 2=" + nBi + "\nngram 3=" + nTri + "\n\n\\1-grams:\n");
            for (int i = 0; i < v; i++) {
                // Zipf's law, p_i = 1 / ((i + 1) H_v), as in real text; a little noise
                float p = i == 0 ? -99f : -(float) (harmonic + Math.log10(i + 1) + 0.2 * r.nextDouble());
                w.write(fmt(p) + "\t" + words.get(i) + (i == 1 ? "" : "\t" + fmt(-(float) r.nextDouble())) + "\n");
            }
            w.write("\n\\2-grams:\n");
            for (long key : bigrams) {
                int a = (int) (key >>> 32), b = (int) key;
                String bo = b == 1 ? "" : "\t" + fmt(-(float) r.nextDouble());
                w.write(fmt(-(float) (0.2 + 3 * r.nextDouble())) + "\t" + words.get(a) + " " + words.get(b) + bo + "\n");
            }
            w.write("\n\\3-grams:\n");
            int nt = 0;
            while (nt < nTri) {
                long key = bigrams[zipf(r, nBi)];
                int a = (int) (key >>> 32), b = (int) key;
                if (b == 1) continue;
                int c = 1 + (r.nextInt(20) == 0 ? 0 : 2 + zipf(r, v - 3));
                if (c == 2) continue;
                String g = words.get(a) + " " + words.get(b) + " " + words.get(c);
                if (!triSet.add(g)) continue;
                trigrams.add(g);
                nt++;
            }
            trigrams.sort(null);
            for (String g : trigrams) w.write(fmt(-(float) (0.1 + 2 * r.nextDouble())) + "\t" + g + "\n");
            w.write("\n\\end\\\n");
        }
        System.out.printf(Locale.ROOT, "gen_ngrams %d%ngen_bytes %d%ngen_s %.1f%n", (long) v + nBi + nTri, Files.size(file), (System.nanoTime() - t0) / 1e9);
    }

    static String fmt(float f) { return String.format(Locale.ROOT, "%.4f", f); }

    /** Unique words in insertion order. */
    static final class LinkedWords {
        final HashSet<String> seen = new HashSet<>();
        final List<String> list = new ArrayList<>();
        void add(String w) { if (seen.add(w)) list.add(w); }
        int size() { return list.size(); }
        String get(int i) { return list.get(i); }
    }

    // ---------------------------------------------------------------- loading

    static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Queries: half trigrams of the file, half random word triples (mostly backed off). */
    static String[][] queries(Path file, int n, long seed) throws IOException {
        List<String> words = new ArrayList<>();
        List<String[]> tri = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int section = 0;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("\\1-grams")) section = 1;
                else if (line.startsWith("\\2-grams")) section = 2;
                else if (line.startsWith("\\3-grams")) section = 3;
                else if (line.isEmpty() || line.startsWith("\\")) continue;
                else if (section == 1) words.add(line.split("\t")[1]);
                else if (section == 3 && tri.size() < 200_000) tri.add(line.split("\t")[1].split(" "));
            }
        }
        Random rnd = new Random(seed);
        String[][] q = new String[n][];
        for (int i = 0; i < n; i++) {
            q[i] = i % 2 == 0 ? tri.get(rnd.nextInt(tri.size()))
                    : new String[] {words.get(3 + rnd.nextInt(words.size() - 3)), words.get(3 + rnd.nextInt(words.size() - 3)),
                                    words.get(3 + rnd.nextInt(words.size() - 3))};
        }
        return q;
    }

    static void load(String which, Path file) throws Exception {
        long before = usedHeap();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Object lm;
        if (which.equals("ours")) {
            lm = ArpaModel.load(file);
        } else {
            lm = edu.berkeley.nlp.lm.io.LmReaders.readContextEncodedLmFromArpa(file.toString());
        }
        double loadS = (System.nanoTime() - t0) / 1e9;
        double loadCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        long heap = usedHeap() - before;
        System.out.printf(Locale.ROOT, "%s_load_s %.2f%n%s_load_cpu_s %.2f%n%s_heap_mb %.1f%n", which, loadS, which, loadCpu, which, heap / 1048576.0);
        String[][] q = queries(file, 1_000_000, 1);
        double sum = 0;
        long tq = 0;
        for (int rep = 0; rep < 3; rep++) { // first rounds warm up
            long s = mx.getCurrentThreadCpuTime();
            sum = 0;
            if (lm instanceof ArpaModel m) {
                for (String[] g : q) sum += m.log10Prob(g[2], g[0], g[1]);
            } else {
                @SuppressWarnings("unchecked")
                edu.berkeley.nlp.lm.NgramLanguageModel<String> b = (edu.berkeley.nlp.lm.NgramLanguageModel<String>) lm;
                for (String[] g : q) sum += b.getLogProb(Arrays.asList(g));
            }
            tq = mx.getCurrentThreadCpuTime() - s;
        }
        System.out.printf(Locale.ROOT, "%s_query_ns %.0f%n%s_checksum %.3f%n", which, tq / (double) q.length, which, sum / q.length);
        if (lm instanceof ArpaModel m) System.out.printf(Locale.ROOT, "ours_array_mb %.1f%n", m.approximateBytes() / 1048576.0);
    }

    // ---------------------------------------------------------------- decoding

    static void decode(Path file, double seconds, long seed) throws Exception {
        ArpaModel lm = ArpaModel.load(file);
        // 32 tokens as HF's English CTC vocabularies: <pad> <s> </s> <unk> | and 27 characters
        String[] tokens = new String[32];
        tokens[0] = "<pad>"; tokens[1] = "<s>"; tokens[2] = "</s>"; tokens[3] = "<unk>"; tokens[4] = "|";
        for (int i = 0; i < 27; i++) tokens[5 + i] = String.valueOf(LETTERS.charAt(i));
        CtcAlphabet alphabet = new CtcAlphabet(tokens, 0, 4);
        Random r = new Random(seed);
        List<float[][]> utterances = new ArrayList<>();
        int frames = 0;
        int totalFrames = (int) (seconds * 50);
        while (frames < totalFrames) {
            float[][] u = syntheticUtterance(r, lm, 15 * 50);
            utterances.add(u);
            frames += u.length;
        }
        double audio = frames / 50.0;
        CtcBeamDecoder beam = new CtcBeamDecoder(alphabet, lm, new BeamSearchOptions(20, 0.5, 1.0, 10.0, -5.0, 0));
        CtcGreedyDecoder greedy = new CtcGreedyDecoder(alphabet);
        for (int i = 0; i < Math.min(5, utterances.size()); i++) beam.decode(utterances.get(i)); // warm-up
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        int words = 0;
        for (float[][] u : utterances) words += beam.decode(u).words();
        double beamCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double beamS = (System.nanoTime() - t0) / 1e9;
        c0 = mx.getCurrentThreadCpuTime();
        for (float[][] u : utterances) greedy.decode(u);
        double greedyCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        CtcHypothesis h = beam.decode(utterances.get(0));
        System.out.printf(Locale.ROOT, "decode_audio_s %.0f%ndecode_utterances %d%ndecode_words %d%nbeam_wall_s %.2f%nbeam_cpu_s %.2f%n"
                        + "beam_rtf %.0f%nbeam_rtf_wall %.0f%ngreedy_rtf %.0f%nsample %s%n",
                audio, utterances.size(), words, beamS, beamCpu, audio / beamCpu, audio / beamS, audio / greedyCpu,
                h.text().substring(0, Math.min(80, h.text().length())));
    }

    /**
     * Log-probabilities of a made-up reading of LM words: each character 1-4 frames, blanks between, the
     * right token at 0.6-0.97 with a few plausible confusions, the rest spread thin.
     */
    static float[][] syntheticUtterance(Random r, ArpaModel lm, int maxFrames) {
        List<Integer> truth = new ArrayList<>();
        int f = 0;
        while (f < maxFrames - 40) {
            String w = lm.word(3 + zipf(r, lm.vocabularySize() - 3)); // words as frequent as the LM says
            for (char c : w.toCharArray()) {
                int id = 5 + LETTERS.indexOf(c);
                int n = 1 + r.nextInt(3);
                for (int k = 0; k < n; k++) truth.add(id);
                if (r.nextBoolean()) truth.add(0);
                f += n + 1;
            }
            truth.add(4);
            for (int k = r.nextInt(4); k > 0; k--) truth.add(0);
            f += 3;
        }
        float[][] out = new float[truth.size()][32];
        for (int t = 0; t < out.length; t++) {
            double[] p = new double[32];
            double main = 0.6 + 0.37 * r.nextDouble();
            p[truth.get(t)] = main;
            double rest = 1 - main;
            // two plausible confusions (blank or a letter) take most of the rest; the others get ~1e-4 each, as
            // wav2vec2/HuBERT CTC outputs do (log-probs of -8 and below)
            double thin = rest * 0.01;
            rest -= thin;
            for (int k = 0; k < 2; k++) {
                double x = k == 0 ? rest * r.nextDouble() : rest;
                p[r.nextBoolean() ? 0 : 5 + r.nextInt(27)] += x;
                rest -= x;
            }
            for (int v = 0; v < 32; v++) p[v] += thin / 32;
            for (int v = 0; v < 32; v++) out[t][v] = (float) Math.log(p[v]);
        }
        return out;
    }
}
