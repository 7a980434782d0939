package org.aubert.nn.ctc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.nn.train.BatchStream;

/**
 * Training utterances drawn afresh every epoch from whole recordings with word times: runs of a random number of
 * consecutive words, cut at random points inside the silences around them (sentence pauses included), played at a
 * random speed and, some of the time, with white noise at a random signal-to-noise ratio. A small corpus cut once
 * into fixed chunks is memorised by a model trained from scratch (every chunk's start and end become cues); spans that
 * move and stretch every epoch make it learn the sounds. Every draw comes from the epoch's seed, so the same seed
 * gives the same batches, and a resumed run sees what an uninterrupted one would.
 */
public final class CtcSpanSampler implements BatchStream<CtcBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(CtcSpanSampler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Batches are padded to a multiple of this many samples (a quarter second at 16 kHz), see {@link CtcTrainingData#batch(List, int)}. */
    static final int PAD_MULTIPLE = 4000;

    /**
     * How spans are drawn and perturbed: {@code minWords..maxWords} words per span; silence kept around a span up to
     * {@code maxMarginMs} each side; speed factor in {@code [minSpeed, maxSpeed]} (resampling: a factor above 1 is
     * faster and higher); with probability {@code noiseProbability}, white noise at an SNR in {@code [minSnrDb, maxSnrDb]}.
     */
    public record Augmentation(int minWords, int maxWords, long maxMarginMs, double minSpeed, double maxSpeed,
                               double noiseProbability, double minSnrDb, double maxSnrDb) {
        public static final Augmentation DEFAULT = new Augmentation(4, 16, 400, 0.85, 1.15, 0.5, 15, 40);

        public Augmentation {
            if (minWords < 1 || maxWords < minWords) throw new IllegalArgumentException("words per span: need 1 <= min <= max, got " + minWords + ".." + maxWords);
            if (maxMarginMs < 0) throw new IllegalArgumentException("margin must be >= 0 ms, got " + maxMarginMs);
            if (!(minSpeed > 0) || maxSpeed < minSpeed) throw new IllegalArgumentException("speed: need 0 < min <= max, got " + minSpeed + ".." + maxSpeed);
            if (noiseProbability < 0 || noiseProbability > 1) throw new IllegalArgumentException("noise probability must be in [0, 1], got " + noiseProbability);
            if (maxSnrDb < minSnrDb) throw new IllegalArgumentException("SNR: need min <= max, got " + minSnrDb + ".." + maxSnrDb);
        }

        /** Same, with {@code minWords..maxWords} words per span. */
        public Augmentation withWords(int min, int max) {
            return new Augmentation(min, max, maxMarginMs, minSpeed, maxSpeed, noiseProbability, minSnrDb, maxSnrDb);
        }

        /** Same, with speed factors in {@code [min, max]}. */
        public Augmentation withSpeed(double min, double max) {
            return new Augmentation(minWords, maxWords, maxMarginMs, min, max, noiseProbability, minSnrDb, maxSnrDb);
        }

        /** Same, with noise at this probability and SNR range. */
        public Augmentation withNoise(double probability, double minDb, double maxDb) {
            return new Augmentation(minWords, maxWords, maxMarginMs, minSpeed, maxSpeed, probability, minDb, maxDb);
        }
    }

    /** A word and its time span in the recording. */
    public record TimedWord(String text, long startMs, long endMs) {}

    /** A whole recording: raw samples at the feature extractor's rate, and its words in order. */
    public record Recording(String id, float[] samples, List<TimedWord> words) {}

    private final List<Recording> recordings;
    private final FeatureExtractor features;
    private final CtcTokenizer tokenizer;
    private final Wav2Vec2Config model;
    private final int batchSize;
    private final Augmentation augmentation;
    private final List<String> errors;
    private List<List<CtcTrainingData.Utterance>> batches = List.of();
    private int next;

    CtcSpanSampler(List<Recording> recordings, FeatureExtractor features, CtcTokenizer tokenizer, Wav2Vec2Config model, int batchSize,
                   Augmentation augmentation, List<String> errors) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (recordings.isEmpty()) throw new IllegalArgumentException("no recordings with word times to draw spans from");
        this.recordings = List.copyOf(recordings);
        this.features = features;
        this.tokenizer = tokenizer;
        this.model = model;
        this.batchSize = batchSize;
        this.augmentation = augmentation;
        this.errors = List.copyOf(errors);
        reset(0);
    }

    /**
     * The demo corpus's {@code train} recordings ({@code split.json}) with the word times of {@code truth.json}
     * ({@code words: [[word, char_start, char_end, start_ms, end_ms], ...]}). Files without usable words or unreadable
     * audio are skipped and listed in {@link #errors()}.
     */
    public static CtcSpanSampler fromCorpus(Path corpus, FeatureExtractor features, CtcTokenizer tokenizer, Wav2Vec2Config model,
                                            int batchSize, Augmentation augmentation) throws IOException {
        Path truthFile = corpus.resolve("truth.json");
        Path splitFile = corpus.resolve("split.json");
        JsonNode truth = JSON.readTree(truthFile.toFile());
        JsonNode split = JSON.readTree(splitFile.toFile());
        if (!split.path("train").isArray()) throw new IOException(splitFile + ": \"train\" is missing or not a list");
        Map<String, JsonNode> byFile = new TreeMap<>();
        for (JsonNode u : truth.path("utterances")) byFile.put(u.path("fname").asText(), u);
        List<Recording> recs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<Integer, Boolean> known = new java.util.HashMap<>();
        Map<String, Integer> oov = new TreeMap<>();
        int rate = features.config().samplingRate();
        for (JsonNode n : split.get("train")) {
            String f = n.asText();
            JsonNode u = byFile.get(f);
            if (u == null) {
                errors.add(splitFile + ": train file " + f + " has no entry in " + truthFile);
                continue;
            }
            List<TimedWord> words = new ArrayList<>();
            int k = 0;
            long lastEnd = 0;
            for (JsonNode w : u.path("words")) {
                long s = w.path(3).asLong(-1);
                long e = w.path(4).asLong(-1);
                if (w.size() != 5 || !w.get(0).isTextual() || s < 0 || e <= s || s < lastEnd) {
                    errors.add(truthFile + ": " + f + " word " + k + " " + w + ": expected [word, char_start, char_end, start_ms, end_ms] in time order");
                    words = null;
                    break;
                }
                String text = CtcTrainingData.inVocabulary(w.get(0).asText(), tokenizer, known, oov);
                if (!text.isEmpty()) words.add(new TimedWord(text, s, e));
                lastEnd = e;
                k++;
            }
            if (words == null) continue;
            if (words.isEmpty()) {
                errors.add(truthFile + ": " + f + " has no words (or none in the vocabulary)");
                continue;
            }
            try {
                recs.add(new Recording(f, AudioReader.load(corpus.resolve("audio").resolve(f), rate, true).samples(), words));
            } catch (IOException | RuntimeException e) {
                errors.add(corpus.resolve("audio").resolve(f) + ": " + e.getMessage());
            }
        }
        for (String e : errors) LOG.warn("skipped {}", e);
        if (!oov.isEmpty()) LOG.warn("characters outside the vocabulary (dropped): {}", oov);
        if (recs.isEmpty()) throw new IOException(corpus + ": no training recording with word times (" + String.join("; ", errors) + ")");
        return new CtcSpanSampler(recs, features, tokenizer, model, batchSize, augmentation, errors);
    }

    /** What {@link #fromCorpus} could not use ("file: why"). */
    public List<String> errors() { return errors; }

    public List<Recording> recordings() { return recordings; }

    /** Draws this epoch's spans (every draw from {@code seed}), perturbs them and batches them by similar length. */
    @Override
    public void reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<CtcTrainingData.Utterance> epoch = new ArrayList<>();
        for (Recording r : recordings) epoch.addAll(draw(r, rng));
        batches = CtcTrainingData.bucketed(epoch, batchSize, rng);
        next = 0;
    }

    /** The recording cut into consecutive spans; the first one is shorter by a random amount so cuts move between epochs. */
    List<CtcTrainingData.Utterance> draw(Recording r, SplittableRandom rng) {
        List<CtcTrainingData.Utterance> out = new ArrayList<>();
        List<TimedWord> w = r.words();
        int rate = features.config().samplingRate();
        long fileMs = r.samples().length * 1000L / rate;
        int from = 0;
        boolean first = true;
        while (from < w.size()) {
            int len = first ? rng.nextInt(1, augmentation.maxWords() + 1) : rng.nextInt(augmentation.minWords(), augmentation.maxWords() + 1);
            first = false;
            int to = Math.min(w.size(), from + len);
            long gapBefore = w.get(from).startMs() - (from == 0 ? 0 : w.get(from - 1).endMs());
            long gapAfter = (to == w.size() ? fileMs : w.get(to).startMs()) - w.get(to - 1).endMs();
            long start = w.get(from).startMs() - margin(gapBefore, rng);
            long end = w.get(to - 1).endMs() + margin(gapAfter, rng);
            double speed = augmentation.minSpeed() + rng.nextDouble() * (augmentation.maxSpeed() - augmentation.minSpeed());
            boolean noisy = rng.nextDouble() < augmentation.noiseProbability();
            double snrDb = augmentation.minSnrDb() + rng.nextDouble() * (augmentation.maxSnrDb() - augmentation.minSnrDb());
            StringBuilder text = new StringBuilder();
            for (TimedWord x : w.subList(from, to)) text.append(text.length() == 0 ? "" : " ").append(x.text());
            String clean = text.toString();
            int a = (int) Math.max(0, start * rate / 1000);
            int b = (int) Math.min(r.samples().length, end * rate / 1000);
            String id = r.id() + "@" + start + "-" + end;
            from = to;
            if (b <= a) continue;
            float[] x = resample(r.samples(), a, b, speed);
            if (noisy) addNoise(x, snrDb, rng);
            int[] labels = tokenizer.encode(clean, CtcTokenizer.OutOfVocabulary.THROW); // words hold vocabulary characters only
            // a span too fast for its labels would give an infinite CTC loss: leave it out
            if (model.framesForSamples(x.length) < labels.length) continue;
            out.add(new CtcTrainingData.Utterance(id, features.normalize(x), labels, clean));
        }
        return out;
    }

    private long margin(long gapMs, SplittableRandom rng) {
        long cap = Math.min(Math.max(0, gapMs), augmentation.maxMarginMs());
        return cap == 0 ? 0 : rng.nextLong(cap + 1);
    }

    /** {@code x[a, b)} played {@code speed} times faster, by linear interpolation. */
    static float[] resample(float[] x, int a, int b, double speed) {
        int n = (int) Math.floor((b - a) / speed);
        float[] out = new float[Math.max(1, n)];
        for (int i = 0; i < out.length; i++) {
            double pos = a + i * speed;
            int j = (int) pos;
            double frac = pos - j;
            float lo = x[Math.min(j, b - 1)];
            float hi = x[Math.min(j + 1, b - 1)];
            out[i] = (float) (lo + (hi - lo) * frac);
        }
        return out;
    }

    /** Adds Gaussian white noise {@code snrDb} below the signal's RMS (silence stays silent). */
    static void addNoise(float[] x, double snrDb, SplittableRandom rng) {
        double energy = 0;
        for (float v : x) energy += v * (double) v;
        double rms = Math.sqrt(energy / x.length);
        if (rms == 0) return;
        double sigma = rms * Math.pow(10, -snrDb / 20);
        for (int i = 0; i < x.length; i++) x[i] += (float) (sigma * rng.nextGaussian());
    }

    @Override
    public boolean hasNext() { return next < batches.size(); }

    @Override
    public CtcBatch next() {
        if (!hasNext()) throw new NoSuchElementException();
        return CtcTrainingData.batch(batches.get(next++), PAD_MULTIPLE);
    }

    /** Utterances in the current epoch. */
    public int epochSize() { return batches.stream().mapToInt(List::size).sum(); }

    /** One line: recordings, words, audio length, augmentation. */
    public String summary() {
        int rate = features.config().samplingRate();
        double seconds = recordings.stream().mapToLong(r -> r.samples().length).sum() / (double) rate;
        return String.format(Locale.ROOT, "%d recordings, %d words, %.1f s of audio, %d skipped; spans of %d-%d words, speed %.2f-%.2f, noise %.0f%% at %.0f-%.0f dB SNR",
                recordings.size(), recordings.stream().mapToInt(r -> r.words().size()).sum(), seconds, errors.size(),
                augmentation.minWords(), augmentation.maxWords(), augmentation.minSpeed(), augmentation.maxSpeed(),
                100 * augmentation.noiseProbability(), augmentation.minSnrDb(), augmentation.maxSnrDb());
    }
}
