package org.aubert.data.locate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.data.align.CtcModelEmissions;
import org.aubert.data.align.Emissions;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.AlignmentFileStage;
import org.aubert.data.alignment.AudioLocator;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.match.BookMatcher;
import org.aubert.data.match.BookMeta;
import org.aubert.data.match.Levenshtein;
import org.aubert.data.match.MatchRunner;
import org.aubert.data.match.NormalizedText;

/**
 * The {@code aubert locate} stage, between {@code match} and {@code refine}: places every recording of the matched
 * alignment files in its book by the recording's audio ({@link RecordingLocator}). The pieces that {@code aubert cut}
 * made of one recording ({@code <recording>/<recording>_NNNN.<ext>}) are placed together; any other utterance is a
 * recording of its own. A placed utterance gets the span its audio reads, the similarity of its transcript to that
 * span, and {@code "anchored": true} (so {@code refine} keeps the span); a recording that no place of the book fits,
 * or whose audio is missing or unreadable, keeps the spans of {@code match} (reported by name and counted).
 */
public final class LocateRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocateRunner.class);
    /** Key of a placed utterance: its path's loss per frame against the model's greedy path. */
    public static final String LOSS_PER_FRAME = "located_loss_per_frame";

    /**
     * @param candidates      places of the book tried per recording (the best text matches of its joined transcripts)
     * @param wholeBook       search the whole book instead (slower, for transcripts too weak to propose the place)
     * @param threads         recordings searched at once
     * @param maxLossPerFrame how much worse per frame than the model's greedy path the located path may score
     * @param labelBonus      score for every letter a located path reads (see {@link org.aubert.data.align.CtcTextLocator})
     * @param beam            pruning beam of the search, 0 = exact
     * @param edgeWords       words at most put back at each end of a recording whose audio reads letters the located
     *                        path left out (see {@code EdgeWords}); 0 = none
     */
    public record Options(Path inputDir, Path audioRoot, Path model, Path outputDir, boolean overwrite, int candidates, boolean wholeBook,
                          double maxLossPerFrame, double labelBonus, double beam, int edgeWords, double windowSec, double overlapSec, int threads) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** One recording: its utterance indices and, once read, its transcripts and log-probabilities (or why not). */
    private record Job(String name, List<Integer> utterances, List<String> transcripts, List<Emissions> pieces, String problem) {}

    public record Summary(int recordings, int placed, int piecesMoved, int notFitting, int audioProblems, int filesWritten,
                          int filesSkipped, int badFiles, double seconds) {
        public String line() {
            return String.format(Locale.ROOT, "locate: %d of %d recordings placed by their audio (%d utterance spans changed), %d fit no "
                    + "place, %d with missing or unreadable audio; %d files written, %d skipped (output exists), %d unreadable in %.1f s",
                    placed, recordings, piecesMoved, notFitting, audioProblems, filesWritten, filesSkipped, badFiles, seconds);
        }
    }

    private LocateRunner() {}

    public static Summary run(Options o) throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(o.inputDir())) throw new IllegalArgumentException(o.inputDir() + ": no such input directory");
        if (!Files.isDirectory(o.audioRoot())) throw new IllegalArgumentException(o.audioRoot() + ": no such audio root");
        List<Path> inputs = AlignmentFile.list(o.inputDir());
        if (inputs.isEmpty()) throw new IllegalArgumentException(o.inputDir() + " holds no *" + AlignmentFile.SUFFIX + " files");
        RecordingLocator.Options locatorOptions = new RecordingLocator.Options(o.candidates(), o.wholeBook(), o.maxLossPerFrame(), o.labelBonus(), o.beam(),
                o.edgeWords());
        CtcModelEmissions model = new CtcModelEmissions(o.model(), o.windowSec(), o.overlapSec());
        AudioLocator audio = new AudioLocator(o.audioRoot());
        Counts counts = new Counts();
        ForkJoinPool pool = new ForkJoinPool(o.threads());
        AlignmentFileStage.Counts files;
        try {
            files = AlignmentFileStage.run(inputs, o.outputDir(), o.overwrite(),
                    (name, book) -> locateBook(name, book, locatorOptions, model, audio, pool, o.threads(), counts));
        } finally {
            pool.shutdown();
        }
        return new Summary(counts.recordings, counts.placed, counts.moved, counts.notFitting, counts.audioProblems, files.written(),
                files.skipped(), files.bad(), (System.nanoTime() - t0) / 1e9);
    }

    /** The book with every recording that could be placed given its located spans. */
    private static AlignmentFile locateBook(String name, AlignmentFile book, RecordingLocator.Options locatorOptions, CtcModelEmissions model,
                                            AudioLocator audio, ForkJoinPool pool, int threads, Counts counts) throws IOException {
        RecordingLocator locator = new RecordingLocator(new BookMatcher(book.raw()), model.tokenizer(), locatorOptions);
        List<Map.Entry<String, List<Integer>>> recordings = new ArrayList<>(byRecording(book.utterances()).entrySet());
        List<Utterance> result = new ArrayList<>(book.utterances());
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("locate " + name).setInitialMax(recordings.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build()) {
            // a few recordings' log-probabilities at a time (the model runs on this thread), searched in parallel
            int batch = 4 * threads;
            for (int from = 0; from < recordings.size(); from += batch) {
                List<Job> jobs = new ArrayList<>();
                for (var r : recordings.subList(from, Math.min(recordings.size(), from + batch))) {
                    jobs.add(read(r.getKey(), r.getValue(), book, model, audio));
                }
                List<RecordingLocator.Placement> placements = pool.submit(() -> jobs.parallelStream()
                        .map(j -> j.problem() == null ? locator.place(j.transcripts(), j.pieces()) : null).toList()).get();
                for (int j = 0; j < jobs.size(); j++) {
                    apply(jobs.get(j), placements.get(j), book, result, counts);
                    bar.step();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while locating " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("locating " + name + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        return book.withUtterances(result);
    }

    private static final class Counts {
        int recordings, placed, moved, notFitting, audioProblems;
    }

    /** A recording's transcripts and log-probabilities, or the reason they cannot be had. */
    private static Job read(String name, List<Integer> indices, AlignmentFile book, CtcModelEmissions model, AudioLocator audio) {
        List<Emissions> pieces = new ArrayList<>();
        List<String> transcripts = new ArrayList<>();
        for (int i : indices) {
            Utterance u = book.utterances().get(i);
            transcripts.add(u.utterance());
            Optional<Path> file = audio.find(u.fname());
            if (file.isEmpty()) return new Job(name, indices, transcripts, null, "no file " + u.fname() + " under the audio root");
            try {
                pieces.add(model.logProbs(model.read(file.get())));
            } catch (IOException | IllegalArgumentException e) {
                return new Job(name, indices, transcripts, null, file.get() + ": " + e.getMessage());
            }
        }
        return new Job(name, indices, transcripts, pieces, null);
    }

    /** Sets the placed spans of one recording's utterances in {@code result} and counts what happened. */
    private static void apply(Job job, RecordingLocator.Placement p, AlignmentFile book, List<Utterance> result, Counts counts) {
        counts.recordings++;
        if (job.problem() != null) {
            counts.audioProblems++;
            LOG.warn("{}: {}: keeps its matched spans", job.name(), job.problem());
            return;
        }
        if (p == null) {
            counts.notFitting++;
            LOG.info("{}: no place of {} fits its audio well enough: keeps its matched spans", job.name(), book.bookName());
            return;
        }
        counts.placed++;
        LOG.debug("{}: placed (candidate {}, loss {} per frame, margin {} per frame)", job.name(), p.rank(), p.lossPerFrame(), p.margin());
        for (int k = 0; k < job.utterances().size(); k++) {
            int[] span = p.spans().get(k);
            if (span == null) continue;
            int i = job.utterances().get(k);
            Utterance u = result.get(i);
            if (u.startIdx() != span[0] || u.endIdx() != span[1]) counts.moved++;
            Map<String, Object> extra = new LinkedHashMap<>(u.extra());
            extra.put(MatchRunner.ANCHORED, true);
            extra.put(LOSS_PER_FRAME, Math.round(p.lossPerFrame() * 1e4) / 1e4);
            double sim = Levenshtein.ratio(NormalizedText.of(u.utterance().toLowerCase(Locale.ROOT)).text(),
                    NormalizedText.of(book.raw().substring(span[0], span[1]).toLowerCase(Locale.ROOT)).text());
            result.set(i, new Utterance(u.fname(), u.utterance(), u.speakerId(), span[0], span[1], sim, u.words(), extra));
        }
    }

    /** Utterance indices by recording: the pieces of one cut recording in path order, any other utterance alone. */
    static Map<String, List<Integer>> byRecording(List<Utterance> utterances) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) order.add(i);
        order.sort(java.util.Comparator.comparing(i -> utterances.get(i).fname()));
        for (int i : order) {
            String fname = utterances.get(i).fname();
            String r = BookMeta.cutRecording(fname);
            m.computeIfAbsent(r == null ? fname : r, k -> new ArrayList<>()).add(i);
        }
        return m;
    }
}
