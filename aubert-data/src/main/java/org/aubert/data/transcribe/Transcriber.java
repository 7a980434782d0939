package org.aubert.data.transcribe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.audio.AudioReader;
import org.aubert.data.ctc.CtcDecoder;
import org.aubert.data.ctc.CtcHypothesis;

/**
 * The transcription stage: audio files of a libri-light folder (this rank's speakers) through a CTC model in
 * batches, decoded on a thread pool while the next batch runs, each transcript (lower case) appended to the
 * TSV as soon as it is ready. Files already in the TSV are skipped (resume); unreadable audio is reported by
 * name and counted, and the rest goes on.
 */
public final class Transcriber {
    private static final Logger log = LoggerFactory.getLogger(Transcriber.class);

    /**
     * @param batchSize  utterances per model call
     * @param threads    decoding (and audio reading) threads
     * @param rank       this worker's rank
     * @param worldSize  number of workers
     * @param overwrite  start a new TSV instead of resuming
     * @param progress   show a progress bar
     */
    public record Options(int batchSize, int threads, int rank, int worldSize, boolean overwrite, boolean progress) {
        public Options {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            if (worldSize < 1 || rank < 0 || rank >= worldSize) throw new IllegalArgumentException("rank " + rank + " not in 0.." + (worldSize - 1));
        }
    }

    /** What a run did; {@code audioSeconds} counts the audio transcribed in this run. */
    public record Summary(int inShard, int transcribed, int skipped, int failed, double audioSeconds, double wallSeconds) {
        public String line() {
            return String.format(Locale.ROOT, "transcribe: %d files in this shard, %d transcribed, %d already done, %d failed; "
                    + "%.1f s of audio in %.1f s (%.1fx real time)", inShard, transcribed, skipped, failed, audioSeconds, wallSeconds,
                    wallSeconds > 0 ? audioSeconds / wallSeconds : 0);
        }
    }

    private final AcousticModel model;
    private final CtcDecoder decoder;
    private final Options options;

    public Transcriber(AcousticModel model, CtcDecoder decoder, Options options) {
        this.model = model;
        this.decoder = decoder;
        this.options = options;
    }

    /** The path written in the TSV for an item: the input folder joined with its relative path, as the original. */
    public static String tsvPath(Path inputDir, AudioCorpus.Item item) { return inputDir.resolve(item.relative()).toString(); }

    public Summary run(Path inputDir, Path outputTsv) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<AudioCorpus.Item> shard = AudioCorpus.shard(AudioCorpus.list(inputDir), options.rank(), options.worldSize());
        if (options.overwrite()) Files.deleteIfExists(outputTsv);
        Map<String, String> done = TranscriptTsv.recover(outputTsv);
        List<AudioCorpus.Item> todo = new ArrayList<>();
        for (AudioCorpus.Item i : shard) if (!done.containsKey(tsvPath(inputDir, i))) todo.add(i);
        int skipped = shard.size() - todo.size();
        if (skipped > 0) log.info("{}: {} of {} files already transcribed, skipping them", outputTsv, skipped, shard.size());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong samples = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "transcribe-decode");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> pending = new ArrayList<>();
        try (TranscriptTsv tsv = TranscriptTsv.append(outputTsv); ProgressBar bar = bar(todo.size())) {
            for (int from = 0; from < todo.size(); from += options.batchSize()) {
                List<AudioCorpus.Item> batch = todo.subList(from, Math.min(todo.size(), from + options.batchSize()));
                List<Future<float[]>> reads = new ArrayList<>();
                for (AudioCorpus.Item item : batch) {
                    reads.add(pool.submit(() -> AudioReader.load(item.path(), model.sampleRate(), true).samples()));
                }
                List<AudioCorpus.Item> good = new ArrayList<>();
                List<float[]> audio = new ArrayList<>();
                for (int k = 0; k < batch.size(); k++) {
                    try {
                        audio.add(reads.get(k).get());
                        good.add(batch.get(k));
                    } catch (ExecutionException e) {
                        fail(batch.get(k), e.getCause(), failed, bar);
                    }
                }
                if (good.isEmpty()) continue;
                List<float[][]> logProbs = infer(good, audio, failed, bar);
                for (int k = 0; k < good.size(); k++) {
                    float[][] lp = logProbs.get(k);
                    if (lp == null) continue;
                    AudioCorpus.Item item = good.get(k);
                    long n = audio.get(k).length;
                    pending.add(pool.submit(() -> {
                        try {
                            CtcHypothesis h = decoder.decode(lp, lp.length);
                            tsv.write(tsvPath(inputDir, item), h.text().toLowerCase(Locale.ROOT));
                            ok.incrementAndGet();
                            samples.addAndGet(n);
                        } catch (IOException | RuntimeException e) {
                            fail(item, e, failed, bar);
                            return null;
                        }
                        if (bar != null) bar.step();
                        return null;
                    }));
                }
                // keep at most a few batches of decoding queued behind the model
                while (pending.size() > options.batchSize() * 4) waitFor(pending.remove(0));
            }
            for (Future<?> f : pending) waitFor(f);
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Summary s = new Summary(shard.size(), ok.get(), skipped, failed.get(), samples.get() / (double) model.sampleRate(), wall);
        log.info(s.line());
        return s;
    }

    /** Runs the model on the batch; when the batch fails, each file alone, so one bad file costs only itself. */
    private List<float[][]> infer(List<AudioCorpus.Item> items, List<float[]> audio, AtomicInteger failed, ProgressBar bar) {
        try {
            return model.logProbs(audio);
        } catch (RuntimeException batchError) {
            if (items.size() == 1) {
                fail(items.get(0), batchError, failed, bar);
                return java.util.Collections.singletonList(null);
            }
            List<float[][]> out = new ArrayList<>();
            for (int k = 0; k < items.size(); k++) {
                try {
                    out.add(model.logProbs(List.of(audio.get(k))).get(0));
                } catch (RuntimeException e) {
                    fail(items.get(k), e, failed, bar);
                    out.add(null);
                }
            }
            return out;
        }
    }

    private static void fail(AudioCorpus.Item item, Throwable e, AtomicInteger failed, ProgressBar bar) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.warn("{}: cannot transcribe: {}", item.path(), msg.startsWith(item.path().toString()) ? msg.substring(item.path().toString().length()).replaceFirst("^:\\s*", "") : msg);
        failed.incrementAndGet();
        if (bar != null) bar.step();
    }

    private static void waitFor(Future<?> f) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw new IOException("decoding failed", e.getCause());
        }
    }

    private ProgressBar bar(int total) {
        if (!options.progress()) return null;
        return new ProgressBarBuilder().setTaskName("transcribe").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }
}
