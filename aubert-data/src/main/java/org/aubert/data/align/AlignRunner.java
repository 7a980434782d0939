package org.aubert.data.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.AlignmentFileStage;
import org.aubert.data.alignment.AudioLocator;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * The {@code aubert align} stage: word-level CTC forced alignment of every utterance of alignment JSON files.
 *
 * <p>For each utterance the refined book span {@code raw[start_idx:end_idx]} becomes normalised words
 * ({@link TranscriptText}); the audio file {@code fname} is found under the audio root ({@link AudioLocator}), read
 * (mono, resampled to the feature extractor's rate), normalised as a whole, run through the CTC model in overlapping
 * windows ({@link EmissionWindows}), and the words are aligned to the log-softmax of the logits
 * ({@link TranscriptAligner}). The output is the input JSON with {@code words} set on each aligned utterance; an
 * utterance that cannot be aligned is reported by name, keeps no {@code words}, and is counted.
 */
public final class AlignRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AlignRunner.class);

    /** Why an utterance was not aligned (the summary counts each). */
    public enum Skip {
        MISSING_AUDIO("missing audio"), UNREADABLE_AUDIO("unreadable audio"), EMPTY_SPAN("empty span"),
        TOO_SHORT("audio too short"), UNALIGNABLE("unalignable text");

        private final String label;

        Skip(String label) { this.label = label; }

        public String label() { return label; }
    }

    /**
     * @param windowSec  length of the model's windows over long audio
     * @param overlapSec overlap of neighbouring windows
     * @param band       half-width of the Viterbi band in label states, 0 = exact
     * @param boundaries how word boundaries are moved from the CTC spikes into the audio ({@link WordBoundaryPlacer}),
     *                   or null to keep the frames of the CTC path
     * @param phases     how many times the audio is aligned, each time shifted by another {@code 1/phases} of a frame,
     *                   the word times averaged over them. A frame is 20 ms, so one alignment can only place a spike to
     *                   the frame, and a spike the model misplaces in one phase is outvoted by the others. The model
     *                   runs {@code phases} times. On the demo's held-out audio (best-path times): 22.9 ms mean error
     *                   with 1 phase, 20.4 with 2, 20.3 with 4 (the training voices chose 4: 19.1, 18.1, 18.0 ms)
     * @param expectedTimes start from each word's expected times under the posterior over all CTC paths
     *                   ({@link TranscriptAligner#alignExpected}) rather than the best path's frames; without
     *                   {@code boundaries} these times are the output
     * @param calibration with {@code boundaries}: where gaps without a pause are split ({@link BoundaryCalibration}), or
     *                   null for their midpoints
     */
    public record Options(double windowSec, double overlapSec, int band, WordBoundaryPlacer.Options boundaries, int phases,
                          boolean expectedTimes, BoundaryCalibration calibration) {
        public static final Options DEFAULT = new Options(10, 2, 1000, WordBoundaryPlacer.Options.DEFAULT, 1, true);

        public Options {
            if (phases < 1) throw new IllegalArgumentException("phases must be >= 1, got " + phases);
            if (calibration != null && boundaries == null) throw new IllegalArgumentException("a boundary calibration needs boundary placement");
        }

        /** Without a boundary calibration. */
        public Options(double windowSec, double overlapSec, int band, WordBoundaryPlacer.Options boundaries, int phases, boolean expectedTimes) {
            this(windowSec, overlapSec, band, boundaries, phases, expectedTimes, null);
        }
    }

    private final CtcModelEmissions emissions;
    private final TranscriptAligner aligner;
    private final WordBoundaryPlacer placer;
    private final int phases;
    private final boolean expectedTimes;
    private final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    private int aligned;

    /** Loads the CTC model ({@code *ForCTC} folder with vocab.json) and sets up windows and aligner. */
    public AlignRunner(Path model, Options options) throws IOException {
        emissions = new CtcModelEmissions(model, options.windowSec(), options.overlapSec());
        FrameGeometry geometry = emissions.geometry();
        aligner = new TranscriptAligner(emissions.tokenizer(), new CtcForcedAligner.Options(options.band(), 50_000_000L), geometry);
        placer = options.boundaries() == null ? null : new WordBoundaryPlacer(options.boundaries(), options.calibration());
        phases = options.phases();
        expectedTimes = options.expectedTimes();
        LOG.info("align: model {} ({} Hz, {} ms frames, receptive field {} samples), windows of {} s overlapping {} s, band {}, boundaries {}",
                model, emissions.sampleRate(), geometry.frameMs(), geometry.receptiveField(), options.windowSec(), options.overlapSec(),
                options.band(), (placer == null ? "at the CTC spikes" : "placed in the audio's energy")
                        + (expectedTimes ? " from the posterior's expected times" : " from the best path's frames")
                        + (options.calibration() != null ? ", gaps split by a calibration fitted on " + options.calibration().gaps() + " gaps" : "")
                        + (phases > 1 ? ", averaged over " + phases + " frame phases" : ""));
    }

    /** Aligns every {@code *.align.json} of {@code inputDir} into {@code outputDir} (existing outputs kept unless overwrite). */
    public AlignSummary run(Path inputDir, Path audioRoot, Path outputDir, boolean overwrite) throws IOException {
        long start = System.nanoTime();
        if (!Files.isDirectory(audioRoot)) throw new IllegalArgumentException("audio root " + audioRoot + " is not a folder");
        List<Path> inputs = AlignmentFile.list(inputDir);
        if (inputs.isEmpty()) throw new IllegalArgumentException(inputDir + " holds no *" + AlignmentFile.SUFFIX + " files");
        AudioLocator locator = new AudioLocator(audioRoot);
        AlignmentFileStage.Counts files = AlignmentFileStage.run(inputs, outputDir, overwrite, (name, book) -> alignFile(name, book, locator));
        return new AlignSummary(files.written(), files.skipped(), files.bad(), aligned, skipped, (System.nanoTime() - start) / 1e9);
    }

    /** The book with {@code words} set on every utterance that could be aligned. */
    public AlignmentFile alignFile(String name, AlignmentFile book, AudioLocator locator) {
        List<Utterance> result = new ArrayList<>(book.utterances().size());
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("align " + name).setInitialMax(book.utterances().size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build()) {
            for (int i = 0; i < book.utterances().size(); i++) {
                Utterance u = book.utterances().get(i);
                result.add(u.withWords(align(name + " utterance " + i + " (" + u.fname() + ")", book.raw(), u, locator)));
                bar.step();
            }
        }
        return book.withUtterances(result);
    }

    /** The words of one utterance, or null (reported and counted) when it cannot be aligned. */
    private List<WordTiming> align(String name, String raw, Utterance u, AudioLocator locator) {
        List<TextWord> words = TranscriptText.words(raw, u.startIdx(), u.endIdx());
        if (words.isEmpty()) return skip(name, Skip.EMPTY_SPAN, "no words in characters " + u.startIdx() + ".." + u.endIdx());
        Optional<Path> audio = locator.find(u.fname());
        if (audio.isEmpty()) return skip(name, Skip.MISSING_AUDIO, "no file " + u.fname() + " under the audio root (nor any tail of its path)");
        try {
            float[] samples = emissions.read(audio.get());
            int need = CtcForcedAligner.requiredFrames(aligner.labels(words, new int[words.size()], new int[words.size()]));
            int frames = emissions.geometry().frames(samples.length);
            if (frames < need) {
                return skip(name, Skip.TOO_SHORT, String.format(Locale.ROOT, "%.2f s of audio give %d frames, the %d words need at least %d",
                        samples.length / (double) emissions.sampleRate(), frames, words.size(), need));
            }
            List<AlignedWord> placed = alignPhases(words, samples);
            List<WordTiming> out = new ArrayList<>(placed.size());
            for (AlignedWord w : placed) out.add(new WordTiming(w.word(), w.charStart(), w.charEnd(), w.startMs(), w.endMs()));
            aligned++;
            return out;
        } catch (AlignmentException x) {
            return skip(name, switch (x.reason()) {
                case TOO_SHORT -> Skip.TOO_SHORT;
                case EMPTY_TEXT -> Skip.EMPTY_SPAN;
                default -> Skip.UNALIGNABLE;
            }, x.getMessage());
        } catch (IOException | IllegalArgumentException x) {
            return skip(name, Skip.UNREADABLE_AUDIO, audio.get() + ": " + x.getMessage());
        }
    }

    /**
     * The words aligned to the audio shifted by {@code k/phases} of a frame for each phase k, their times averaged
     * (phase 0 is the audio as it is and must align; a later phase whose shortened audio cannot is left out). Each
     * phase's words are in order and do not overlap, so neither do the averages.
     */
    private List<AlignedWord> alignPhases(List<TextWord> words, float[] samples) throws IOException {
        List<AlignedWord> first = alignOnce(words, samples);
        if (phases == 1) return first;
        double[] start = new double[first.size()];
        double[] end = new double[first.size()];
        int used = 0;
        int stride = emissions.geometry().strideSamples();
        for (int k = 0; k < phases; k++) {
            int shift = (int) Math.round(k * stride / (double) phases);
            List<AlignedWord> ws;
            try {
                ws = k == 0 ? first : alignOnce(words, java.util.Arrays.copyOfRange(samples, shift, samples.length));
            } catch (AlignmentException e) {
                continue;
            }
            double offsetMs = shift * 1000.0 / emissions.sampleRate();
            for (int i = 0; i < ws.size(); i++) {
                start[i] += ws.get(i).startMs() + offsetMs;
                end[i] += ws.get(i).endMs() + offsetMs;
            }
            used++;
        }
        List<AlignedWord> out = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            AlignedWord w = first.get(i);
            out.add(new AlignedWord(w.word(), w.charStart(), w.charEnd(), w.startFrame(), w.endFrame(), Math.round(start[i] / used),
                    Math.round(end[i] / used)));
        }
        return out;
    }

    /** One alignment of the words to the audio, boundaries placed when a placer is set. */
    private List<AlignedWord> alignOnce(List<TextWord> words, float[] samples) throws IOException {
        Emissions logProbs = emissions.logProbs(samples);
        List<AlignedWord> ws = (expectedTimes ? aligner.alignExpected(words, logProbs) : aligner.align(words, logProbs)).words();
        return placer == null ? ws : placer.place(ws, samples, emissions.sampleRate());
    }

    private List<WordTiming> skip(String name, Skip why, String message) {
        skipped.merge(why, 1, Integer::sum);
        LOG.warn("{}: skipped ({}): {}", name, why.label(), message);
        return null;
    }

    @Override
    public String toString() { return "AlignRunner[" + emissions.model() + "]"; }
}
