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
     */
    public record Options(double windowSec, double overlapSec, int band, WordBoundaryPlacer.Options boundaries) {
        public static final Options DEFAULT = new Options(10, 2, 1000, WordBoundaryPlacer.Options.DEFAULT);
    }

    private final CtcModelEmissions emissions;
    private final TranscriptAligner aligner;
    private final WordBoundaryPlacer placer;
    private final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    private int aligned;

    /** Loads the CTC model ({@code *ForCTC} folder with vocab.json) and sets up windows and aligner. */
    public AlignRunner(Path model, Options options) throws IOException {
        emissions = new CtcModelEmissions(model, options.windowSec(), options.overlapSec());
        FrameGeometry geometry = emissions.geometry();
        aligner = new TranscriptAligner(emissions.tokenizer(), new CtcForcedAligner.Options(options.band(), 50_000_000L), geometry);
        placer = options.boundaries() == null ? null : new WordBoundaryPlacer(options.boundaries());
        LOG.info("align: model {} ({} Hz, {} ms frames, receptive field {} samples), windows of {} s overlapping {} s, band {}, boundaries {}",
                model, emissions.sampleRate(), geometry.frameMs(), geometry.receptiveField(), options.windowSec(), options.overlapSec(),
                options.band(), placer == null ? "at the CTC frames" : "placed in the audio's energy");
    }

    /** Aligns every {@code *.align.json} of {@code inputDir} into {@code outputDir} (existing outputs kept unless overwrite). */
    public AlignSummary run(Path inputDir, Path audioRoot, Path outputDir, boolean overwrite) throws IOException {
        long start = System.nanoTime();
        if (!Files.isDirectory(audioRoot)) throw new IllegalArgumentException("audio root " + audioRoot + " is not a folder");
        List<Path> inputs = AlignmentFile.list(inputDir);
        if (inputs.isEmpty()) throw new IllegalArgumentException(inputDir + " holds no *" + AlignmentFile.SUFFIX + " files");
        Files.createDirectories(outputDir);
        AudioLocator locator = new AudioLocator(audioRoot);
        int written = 0;
        int existing = 0;
        int bad = 0;
        for (Path in : inputs) {
            Path out = outputDir.resolve(in.getFileName());
            if (Files.exists(out) && !overwrite) {
                existing++;
                LOG.info("{}: exists, skipped (use --overwrite to replace it)", out);
                continue;
            }
            AlignmentFile book;
            try {
                book = AlignmentFile.read(in);
            } catch (IOException e) {
                bad++;
                LOG.error("{}", e.getMessage());
                continue;
            }
            alignFile(in.getFileName().toString(), book, locator).write(out);
            written++;
        }
        return new AlignSummary(written, existing, bad, aligned, skipped, (System.nanoTime() - start) / 1e9);
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
            List<AlignedWord> placed = aligner.align(words, emissions.logProbs(samples)).words();
            if (placer != null) placed = placer.place(placed, samples, emissions.sampleRate());
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

    private List<WordTiming> skip(String name, Skip why, String message) {
        skipped.merge(why, 1, Integer::sum);
        LOG.warn("{}: skipped ({}): {}", name, why.label(), message);
        return null;
    }

    @Override
    public String toString() { return "AlignRunner[" + emissions.model() + "]"; }
}
