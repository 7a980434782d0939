package org.aubert.nn.ctc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.nn.train.BatchStream;

/**
 * (audio, transcript) pairs turned into {@link CtcBatch}es: audio at the preprocessor's rate, each utterance
 * normalised on its own (as HF's feature extractor does with an attention mask), right-padded with zeros and masked;
 * transcripts lower-cased, white space collapsed, mapped to ids with the model's {@link CtcTokenizer} (space to
 * {@code |}); characters outside the vocabulary are dropped and counted per character. Batches group utterances of
 * similar length: each epoch shuffles the utterances with its seed, sorts buckets of {@value #BUCKET} batches by
 * length, cuts them into batches and shuffles the batch order.
 *
 * <p>Inputs: {@link #readTsv} ({@code path<TAB>transcript}, paths relative to the file) and {@link #readCorpus} (the
 * demo corpus: {@code truth.json} + {@code split.json} + {@code audio/}).
 */
public final class CtcTrainingData implements BatchStream<CtcBatch> {
    static final int BUCKET = 8;
    private static final Logger LOG = LoggerFactory.getLogger(CtcTrainingData.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One listed pair: the whole file, or its part [{@code startMs}, {@code endMs}) when {@code endMs > 0}.
     */
    public record Item(String id, Path audio, String transcript, long startMs, long endMs) {
        public Item(String id, Path audio, String transcript) { this(id, audio, transcript, 0, 0); }

        public Item {
            if (startMs < 0 || (endMs > 0 && endMs <= startMs)) {
                throw new IllegalArgumentException(id + ": bad segment [" + startMs + ", " + endMs + ") ms");
            }
        }

        boolean whole() { return endMs <= 0; }
    }

    /** How the demo corpus's training files are cut into utterances. */
    public enum Segments {
        /** Each file is one utterance. */
        FILES,
        /** One utterance per sentence of {@code truth.json}, from its first word's start to its last word's end, widened by {@value #SENTENCE_MARGIN_MS} ms each side. */
        SENTENCES,
        /**
         * Each sentence cut into runs of {@code chunkWords} words: short utterances, which a CTC model trained from
         * scratch learns from much sooner. Cuts inside a sentence fall on word boundaries; sentence edges keep the margin.
         */
        CHUNKS,
        /**
         * Random runs of words redrawn every epoch, with speed and noise perturbation ({@link CtcSpanSampler}); the
         * listing holds the training files whole.
         */
        SPANS
    }

    static final long SENTENCE_MARGIN_MS = 150;

    /** One loaded utterance. */
    public record Utterance(String id, float[] samples, int[] labels, String transcript) {}

    /** A listing and the lines it could not use ("file:line: why"). */
    public record Listing(List<Item> items, List<String> errors) {}

    /** The demo corpus split. */
    public record CorpusSplit(Listing train, Listing heldOut) {}

    /** What loading did: utterances kept, items skipped with their reasons, dropped out-of-vocabulary characters. */
    public record LoadReport(int kept, List<String> errors, Map<String, Integer> outOfVocabulary) {}

    private final List<Utterance> utterances;
    private final int batchSize;
    private final LoadReport report;
    private List<List<Utterance>> batches = List.of();
    private int next;

    private CtcTrainingData(List<Utterance> utterances, int batchSize, LoadReport report) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.utterances = List.copyOf(utterances);
        this.batchSize = batchSize;
        this.report = report;
        reset(0);
    }

    /** {@code path<TAB>transcript} lines (blank lines and lines starting with # are skipped). */
    public static Listing readTsv(Path tsv) throws IOException {
        List<Item> items = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        Path base = tsv.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                errors.add(tsv + ":" + (i + 1) + ": expected 'path<TAB>transcript'");
                continue;
            }
            Path audio = base.resolve(line.substring(0, tab).strip());
            items.add(new Item(line.substring(0, tab).strip(), audio, line.substring(tab + 1)));
        }
        return new Listing(items, errors);
    }

    /** The demo corpus, whole files: the {@code train} and {@code held_out} lists of {@code split.json}, transcripts from {@code truth.json}. */
    public static CorpusSplit readCorpus(Path corpus) throws IOException { return readCorpus(corpus, Segments.FILES); }

    /**
     * The demo corpus: the {@code train} list of {@code split.json} cut into {@code trainSegments}, the {@code held_out}
     * list as whole files (so held-out error rates are those of transcribing whole recordings).
     */
    public static CorpusSplit readCorpus(Path corpus, Segments trainSegments) throws IOException {
        return readCorpus(corpus, trainSegments, Integer.MAX_VALUE);
    }

    /** As {@link #readCorpus(Path, Segments)}; {@code chunkWords} is the chunk length for {@link Segments#CHUNKS}. */
    public static CorpusSplit readCorpus(Path corpus, Segments trainSegments, int chunkWords) throws IOException {
        return readCorpus(corpus, trainSegments, chunkWords, chunkWords);
    }

    /**
     * As {@link #readCorpus(Path, Segments, int)}, chunks starting every {@code chunkStride} words: a stride below the
     * chunk length gives overlapping chunks, so each word is seen with several neighbours and cut positions.
     */
    public static CorpusSplit readCorpus(Path corpus, Segments trainSegments, int chunkWords, int chunkStride) throws IOException {
        if (chunkWords < 1) throw new IllegalArgumentException("words per chunk must be >= 1, got " + chunkWords);
        if (chunkStride < 1) throw new IllegalArgumentException("chunk stride must be >= 1 word, got " + chunkStride);
        int perChunk = trainSegments == Segments.CHUNKS ? chunkWords : Integer.MAX_VALUE;
        Path truthFile = corpus.resolve("truth.json");
        Path splitFile = corpus.resolve("split.json");
        JsonNode truth = JSON.readTree(truthFile.toFile());
        JsonNode split = JSON.readTree(splitFile.toFile());
        Map<String, JsonNode> byFile = new TreeMap<>();
        for (JsonNode u : truth.path("utterances")) {
            if (u.path("fname").isTextual() && u.path("utterance").isTextual()) byFile.put(u.get("fname").asText(), u);
        }
        if (byFile.isEmpty()) throw new IOException(truthFile + ": no \"utterances\" with fname and utterance");
        int stride = trainSegments == Segments.CHUNKS ? chunkStride : Integer.MAX_VALUE;
        return new CorpusSplit(list(corpus, split, "train", byFile, splitFile, truthFile, trainSegments, perChunk, stride),
                list(corpus, split, "held_out", byFile, splitFile, truthFile, Segments.FILES, perChunk, stride));
    }

    private static Listing list(Path corpus, JsonNode split, String key, Map<String, JsonNode> byFile, Path splitFile, Path truthFile,
                                Segments segments, int chunkWords, int stride) throws IOException {
        if (!split.path(key).isArray()) throw new IOException(splitFile + ": \"" + key + "\" is missing or not a list");
        List<Item> items = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode n : split.get(key)) {
            String f = n.asText();
            JsonNode u = byFile.get(f);
            Path audio = corpus.resolve("audio").resolve(f);
            if (u == null) errors.add(splitFile + ": " + key + " file " + f + " has no transcript in truth.json");
            else if (segments == Segments.FILES || segments == Segments.SPANS) items.add(new Item(f, audio, u.get("utterance").asText()));
            else sentences(f, audio, u, truthFile, chunkWords, stride, items, errors);
        }
        return new Listing(items, errors);
    }

    /**
     * Items from the {@code sentences} of a truth utterance: runs of up to {@code chunkWords} of a sentence's words
     * ({@code [word, char_start, char_end, start_ms, end_ms]}) and their time span.
     */
    private static void sentences(String f, Path audio, JsonNode u, Path truthFile, int chunkWords, int stride, List<Item> items,
                                  List<String> errors) {
        JsonNode words = u.path("words");
        int k = 0;
        for (JsonNode s : u.path("sentences")) {
            long c0 = s.path(0).asLong(-1);
            long c1 = s.path(1).asLong(-1);
            List<JsonNode> in = new ArrayList<>();
            for (JsonNode w : words) {
                if (w.size() == 5 && w.get(1).asLong() >= c0 && w.get(2).asLong() <= c1) in.add(w);
            }
            String where = truthFile + ": " + f + " sentence " + k;
            k++;
            if (c0 < 0 || c1 <= c0 || in.isEmpty()) {
                errors.add(where + ": no words inside its char span " + s);
                continue;
            }
            for (int from = 0; from < in.size(); from += stride) {
                int to = Math.min(in.size(), from + chunkWords);
                long start = from == 0 ? Math.max(0, in.get(0).get(3).asLong() - SENTENCE_MARGIN_MS) : in.get(from).get(3).asLong();
                long end = to == in.size() ? in.get(to - 1).get(4).asLong() + SENTENCE_MARGIN_MS : in.get(to - 1).get(4).asLong();
                StringBuilder text = new StringBuilder();
                for (JsonNode w : in.subList(from, to)) text.append(text.length() == 0 ? "" : " ").append(w.get(0).asText());
                String id = f + "#" + (k - 1) + (chunkWords < in.size() ? "." + from / stride : "");
                items.add(new Item(id, audio, text.toString(), start, end));
                if (to == in.size()) break; // later starts would give tails the chunk just added already holds
            }
        }
    }

    /** Lower case, white space runs as one space, trimmed. */
    public static String normaliseTranscript(String s) { return CtcModel.normalise(s); }

    /**
     * Loads and encodes the listed pairs. Unreadable audio, audio too short for one frame, and transcripts with nothing
     * left in the vocabulary are skipped and reported.
     */
    public static CtcTrainingData load(List<Item> items, FeatureExtractor features, CtcTokenizer tokenizer, Wav2Vec2Config model,
                                       int batchSize) {
        List<Utterance> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> oov = new TreeMap<>();
        Map<Integer, Boolean> known = new java.util.HashMap<>();
        int rate = features.config().samplingRate();
        for (Item item : items) {
            String clean = inVocabulary(item.transcript(), tokenizer, known, oov);
            if (clean.isEmpty()) {
                errors.add(item.id() + ": no transcript characters in the vocabulary");
                continue;
            }
            float[] samples;
            try {
                samples = AudioReader.load(item.audio(), rate, true).samples();
                if (!item.whole()) samples = segment(samples, item, rate);
            } catch (IOException | RuntimeException e) {
                errors.add(item.audio() + ": " + e.getMessage());
                continue;
            }
            if (samples.length == 0 || model.framesForSamples(samples.length) < 1) {
                errors.add(item.audio() + ": " + samples.length + " samples are too few for one frame");
                continue;
            }
            int[] labels = tokenizer.encode(clean);
            if (model.framesForSamples(samples.length) < labels.length) {
                errors.add(item.audio() + ": " + labels.length + " labels do not fit in " + model.framesForSamples(samples.length) + " frames");
                continue;
            }
            out.add(new Utterance(item.id(), features.normalize(samples), labels, clean));
        }
        for (String e : errors) LOG.warn("skipped {}", e);
        if (!oov.isEmpty()) LOG.warn("characters outside the vocabulary (dropped): {}", oov);
        return new CtcTrainingData(out, batchSize, new LoadReport(out.size(), errors, oov));
    }

    private static float[] segment(float[] samples, Item item, int rate) throws IOException {
        int from = (int) (item.startMs() * rate / 1000);
        int to = (int) Math.min(samples.length, item.endMs() * rate / 1000);
        if (from >= to) throw new IOException("segment [" + item.startMs() + ", " + item.endMs() + ") ms is outside the " + samples.length + " samples");
        return java.util.Arrays.copyOfRange(samples, from, to);
    }

    /**
     * The transcript normalised, without the characters the tokenizer lacks (counted in {@code oov});
     * {@code known} caches the vocabulary look-ups.
     */
    static String inVocabulary(String transcript, CtcTokenizer tokenizer, Map<Integer, Boolean> known, Map<String, Integer> oov) {
        StringBuilder kept = new StringBuilder();
        normaliseTranscript(transcript).codePoints().forEach(c -> {
            if (c == ' ' || known.computeIfAbsent(c, k -> inVocab(tokenizer, k))) kept.appendCodePoint(c);
            else oov.merge(new String(Character.toChars(c)), 1, Integer::sum);
        });
        return normaliseTranscript(kept.toString());
    }

    private static boolean inVocab(CtcTokenizer tokenizer, int c) {
        try {
            tokenizer.encode(new String(Character.toChars(c)), CtcTokenizer.OutOfVocabulary.THROW);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Already loaded utterances (tests, synthetic tasks). */
    public static CtcTrainingData of(List<Utterance> utterances, int batchSize) {
        return new CtcTrainingData(utterances, batchSize, new LoadReport(utterances.size(), List.of(), Map.of()));
    }

    public LoadReport report() { return report; }

    public List<Utterance> utterances() { return utterances; }

    public int size() { return utterances.size(); }

    /** Total audio in seconds at {@code rate}. */
    public double seconds(int rate) { return utterances.stream().mapToLong(u -> u.samples().length).sum() / (double) rate; }

    @Override
    public void reset(long seed) {
        List<Utterance> order = new ArrayList<>(utterances);
        SplittableRandom rng = new SplittableRandom(seed);
        shuffle(order, rng);
        batches = bucketed(order, batchSize, rng);
        next = 0;
    }

    /** Buckets of {@value #BUCKET} batches in the given order, each sorted by length and cut into batches; batch order shuffled. */
    static List<List<Utterance>> bucketed(List<Utterance> order, int batchSize, SplittableRandom rng) {
        List<List<Utterance>> out = new ArrayList<>();
        int bucket = batchSize * BUCKET;
        for (int start = 0; start < order.size(); start += bucket) {
            List<Utterance> b = new ArrayList<>(order.subList(start, Math.min(order.size(), start + bucket)));
            b.sort(Comparator.comparingInt(u -> u.samples().length));
            for (int i = 0; i < b.size(); i += batchSize) out.add(b.subList(i, Math.min(b.size(), i + batchSize)));
        }
        shuffle(out, rng);
        return out;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) Collections.swap(list, i, rng.nextInt(i + 1));
    }

    @Override
    public boolean hasNext() { return next < batches.size(); }

    @Override
    public CtcBatch next() {
        if (!hasNext()) throw new NoSuchElementException();
        return batch(batches.get(next++));
    }

    /** Pads and masks a list of utterances. */
    public static CtcBatch batch(List<Utterance> us) { return batch(us, 1); }

    /**
     * Pads and masks a list of utterances to the longest one rounded up to a multiple of {@code padMultiple} samples.
     * Rounding bounds the number of distinct batch shapes: ND4J keeps native memory per shape it has run, and spans
     * drawn afresh every epoch would otherwise bring new shapes at every step.
     */
    public static CtcBatch batch(List<Utterance> us, int padMultiple) {
        if (padMultiple < 1) throw new IllegalArgumentException("pad multiple must be >= 1, got " + padMultiple);
        int longest = us.stream().mapToInt(u -> u.samples().length).max().orElseThrow();
        int max = (longest + padMultiple - 1) / padMultiple * padMultiple;
        float[][] v = new float[us.size()][max];
        int[][] m = new int[us.size()][max];
        int[][] labels = new int[us.size()][];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < us.size(); i++) {
            Utterance u = us.get(i);
            System.arraycopy(u.samples(), 0, v[i], 0, u.samples().length);
            java.util.Arrays.fill(m[i], 0, u.samples().length, 1);
            labels[i] = u.labels();
            texts.add(u.transcript());
        }
        return new CtcBatch(Nd4j.createFromArray(v), Nd4j.createFromArray(m), labels, texts);
    }

    /** One line: utterances, audio length, skipped items, dropped characters. */
    public String summary(int rate) {
        return String.format(Locale.ROOT, "%d utterances, %.1f s of audio, %d skipped, %d out-of-vocabulary characters dropped",
                size(), seconds(rate), report.errors().size(), report.outOfVocabulary().values().stream().mapToInt(Integer::intValue).sum());
    }
}
