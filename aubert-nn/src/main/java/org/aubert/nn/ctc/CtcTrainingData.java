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

    /** One listed pair. */
    public record Item(String id, Path audio, String transcript) {}

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

    /** The demo corpus: the {@code train} and {@code held_out} lists of {@code split.json}, transcripts from {@code truth.json}. */
    public static CorpusSplit readCorpus(Path corpus) throws IOException {
        Path truthFile = corpus.resolve("truth.json");
        Path splitFile = corpus.resolve("split.json");
        JsonNode truth = JSON.readTree(truthFile.toFile());
        JsonNode split = JSON.readTree(splitFile.toFile());
        Map<String, String> text = new TreeMap<>();
        for (JsonNode u : truth.path("utterances")) text.put(u.path("fname").asText(), u.path("utterance").asText());
        if (text.isEmpty()) throw new IOException(truthFile + ": no \"utterances\" with fname and utterance");
        return new CorpusSplit(list(corpus, split, "train", text, splitFile), list(corpus, split, "held_out", text, splitFile));
    }

    private static Listing list(Path corpus, JsonNode split, String key, Map<String, String> text, Path splitFile) throws IOException {
        if (!split.path(key).isArray()) throw new IOException(splitFile + ": \"" + key + "\" is missing or not a list");
        List<Item> items = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode n : split.get(key)) {
            String f = n.asText();
            if (!text.containsKey(f)) errors.add(splitFile + ": " + key + " file " + f + " has no transcript in truth.json");
            else items.add(new Item(f, corpus.resolve("audio").resolve(f), text.get(f)));
        }
        return new Listing(items, errors);
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
            String text = normaliseTranscript(item.transcript());
            StringBuilder kept = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (c == ' ' || known.computeIfAbsent(c, k -> inVocab(tokenizer, k))) kept.appendCodePoint(c);
                else oov.merge(new String(Character.toChars(c)), 1, Integer::sum);
            });
            String clean = normaliseTranscript(kept.toString());
            if (clean.isEmpty()) {
                errors.add(item.id() + ": no transcript characters in the vocabulary");
                continue;
            }
            float[] samples;
            try {
                samples = AudioReader.load(item.audio(), rate, true).samples();
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
        List<List<Utterance>> out = new ArrayList<>();
        int bucket = batchSize * BUCKET;
        for (int start = 0; start < order.size(); start += bucket) {
            List<Utterance> b = new ArrayList<>(order.subList(start, Math.min(order.size(), start + bucket)));
            b.sort(Comparator.comparingInt(u -> u.samples().length));
            for (int i = 0; i < b.size(); i += batchSize) out.add(b.subList(i, Math.min(b.size(), i + batchSize)));
        }
        shuffle(out, rng);
        batches = out;
        next = 0;
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
    public static CtcBatch batch(List<Utterance> us) {
        int max = us.stream().mapToInt(u -> u.samples().length).max().orElseThrow();
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
