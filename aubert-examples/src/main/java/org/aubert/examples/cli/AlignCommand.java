package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.data.align.AlignedWord;
import org.aubert.data.align.AlignmentException;
import org.aubert.data.align.CtcForcedAligner;
import org.aubert.data.align.EmissionWindows;
import org.aubert.data.align.Emissions;
import org.aubert.data.align.FrameGeometry;
import org.aubert.data.align.TextWord;
import org.aubert.data.align.TranscriptAligner;
import org.aubert.data.align.TranscriptText;
import org.aubert.data.align.WordAlignment;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * {@code aubert align}: word-level CTC forced alignment of every utterance of alignment JSON files.
 *
 * <p>For each utterance the refined book span {@code raw[start_idx:end_idx]} becomes normalised words
 * ({@link TranscriptText}); the audio file {@code fname} is read (mono, resampled to the feature extractor's rate),
 * normalised as a whole, run through the CTC model in overlapping windows ({@link EmissionWindows}), and the
 * words are aligned to the log-softmax of the logits ({@link TranscriptAligner}). The output is the input JSON
 * with {@code words = [[word, char_start, char_end, audio_start_ms, audio_end_ms], ...]} set on each aligned
 * utterance; an utterance that cannot be aligned is reported by name, keeps no {@code words}, and is counted.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Word-level CTC forced alignment of alignment JSON files (adds \"words\" to each utterance).")
final class AlignCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(AlignCommand.class);

    /** Why an utterance was not aligned (the summary counts each). */
    enum Skip {
        MISSING_AUDIO("missing audio"), UNREADABLE_AUDIO("unreadable audio"), EMPTY_SPAN("empty span"),
        TOO_SHORT("audio too short"), UNALIGNABLE("unalignable text");

        final String label;

        Skip(String label) { this.label = label; }
    }

    @Option(names = "--input-dir", required = true, description = "Folder of alignment JSON files (*.align.json: book_name, raw, utterances).")
    Path inputDir;

    @Option(names = "--audio-root", required = true, description = "Root the utterances' fname paths are relative to (libri-light layout <speaker>/<book>/<file>).")
    Path audioRoot;

    @Option(names = "--model", required = true, description = "HuggingFace *ForCTC folder (config.json, weights, vocab.json, preprocessor_config.json).")
    Path model;

    @Option(names = "--output-dir", required = true, description = "Folder for the aligned JSON files (same names as the inputs).")
    Path outputDir;

    @Option(names = "--overwrite", description = "Replace outputs that already exist (default: skip them).")
    boolean overwrite;

    @Option(names = "--window-sec", defaultValue = "10", description = "Length of the model's windows over long audio, seconds (default: ${DEFAULT-VALUE}).")
    double windowSec;

    @Option(names = "--overlap-sec", defaultValue = "2", description = "Overlap of neighbouring windows, seconds (default: ${DEFAULT-VALUE}).")
    double overlapSec;

    @Option(names = "--band", defaultValue = "1000", description = "Half-width of the Viterbi search band in label states, 0 = exact (default: ${DEFAULT-VALUE}).")
    int band;

    @Spec
    CommandSpec spec;

    private final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    private int aligned;
    private int filesWritten;
    private int filesExisting;
    private int filesBad;

    private AudioEncoder encoder;
    private FeatureExtractor features;
    private EmissionWindows windows;
    private TranscriptAligner aligner;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (!Files.isDirectory(inputDir)) throw new IllegalArgumentException("--input-dir " + inputDir + " is not a folder");
        if (!Files.isDirectory(audioRoot)) throw new IllegalArgumentException("--audio-root " + audioRoot + " is not a folder");
        List<Path> inputs = AlignmentFile.list(inputDir);
        if (inputs.isEmpty()) throw new IllegalArgumentException("--input-dir " + inputDir + " holds no *" + AlignmentFile.SUFFIX + " files");
        loadModel();
        Files.createDirectories(outputDir);
        for (Path in : inputs) {
            Path out = outputDir.resolve(in.getFileName());
            if (Files.exists(out) && !overwrite) {
                filesExisting++;
                log.info("{}: exists, skipped (use --overwrite to replace it)", out);
                continue;
            }
            processFile(in, out);
        }
        String summary = summary((System.nanoTime() - start) / 1e9);
        log.info(summary);
        spec.commandLine().getOut().println(summary);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void loadModel() throws IOException {
        CtcTokenizer tokenizer = CtcTokenizer.load(model);
        features = Files.isRegularFile(model.resolve("preprocessor_config.json"))
                ? FeatureExtractor.load(model) : new FeatureExtractor(FeatureExtractorConfig.DEFAULT);
        encoder = AudioEncoder.load(model, DataType.FLOAT, false);
        if (!encoder.hasCtcHead()) throw new IllegalArgumentException(model + " has no lm_head (not a *ForCTC checkpoint)");
        if (tokenizer.vocabSize() > encoder.config().vocabSize()) {
            throw new IllegalArgumentException(model + ": vocab.json has " + tokenizer.vocabSize() + " tokens but the CTC head only "
                    + encoder.config().vocabSize());
        }
        int rate = features.config().samplingRate();
        FrameGeometry geometry = FrameGeometry.of(encoder.config(), rate);
        windows = new EmissionWindows(geometry, (int) Math.round(windowSec * rate), (int) Math.round(overlapSec * rate));
        aligner = new TranscriptAligner(tokenizer, new CtcForcedAligner.Options(band, 50_000_000L), geometry);
        log.info("align: model {} ({} Hz, {} ms frames, receptive field {} samples), windows of {} s overlapping {} s, band {}",
                model, rate, geometry.frameMs(), geometry.receptiveField(), windowSec, overlapSec, band);
    }

    private void processFile(Path in, Path out) throws IOException {
        AlignmentFile book;
        try {
            book = AlignmentFile.read(in);
        } catch (IOException e) {
            filesBad++;
            log.error("{}", e.getMessage());
            return;
        }
        List<Utterance> result = new ArrayList<>(book.utterances().size());
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("align " + in.getFileName()).setInitialMax(book.utterances().size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build()) {
            for (int i = 0; i < book.utterances().size(); i++) {
                Utterance u = book.utterances().get(i);
                result.add(u.withWords(align(in.getFileName() + " utterance " + i + " (" + u.fname() + ")", book.raw(), u)));
                bar.step();
            }
        }
        book.withUtterances(result).write(out);
        filesWritten++;
    }

    /** The words of one utterance, or null (reported and counted) when it cannot be aligned. */
    private List<WordTiming> align(String name, String raw, Utterance u) {
        List<TextWord> words = TranscriptText.words(raw, u.startIdx(), u.endIdx());
        if (words.isEmpty()) return skip(name, Skip.EMPTY_SPAN, "no words in characters " + u.startIdx() + ".." + u.endIdx());
        Path audio = resolveAudio(u.fname());
        if (audio == null) {
            return skip(name, Skip.MISSING_AUDIO, "no file " + audioRoot.resolve(u.fname()) + " (nor <speaker>/<book>/<file> under the audio root)");
        }
        try {
            float[] samples = AudioReader.load(audio, features.config().samplingRate(), true).samples();
            int need = CtcForcedAligner.requiredFrames(aligner.labels(words, new int[words.size()], new int[words.size()]));
            int frames = windows.geometry().frames(samples.length);
            if (frames < need) {
                return skip(name, Skip.TOO_SHORT, String.format(Locale.ROOT, "%.2f s of audio give %d frames, the %d words need at least %d",
                        samples.length / (double) features.config().samplingRate(), frames, words.size(), need));
            }
            Emissions logits = windows.compute(features.normalize(samples), this::logits);
            WordAlignment a = aligner.align(words, logits.logSoftmax());
            List<WordTiming> out = new ArrayList<>(a.words().size());
            for (AlignedWord w : a.words()) out.add(new WordTiming(w.word(), w.charStart(), w.charEnd(), w.startMs(), w.endMs()));
            aligned++;
            return out;
        } catch (AlignmentException x) {
            return skip(name, switch (x.reason()) {
                case TOO_SHORT -> Skip.TOO_SHORT;
                case EMPTY_TEXT -> Skip.EMPTY_SPAN;
                default -> Skip.UNALIGNABLE;
            }, x.getMessage());
        } catch (IOException | IllegalArgumentException x) {
            return skip(name, Skip.UNREADABLE_AUDIO, audio + ": " + x.getMessage());
        }
    }

    /** CTC logits of one window of normalised samples. */
    private Emissions logits(float[] samples) {
        INDArray x = Nd4j.createFromArray(new float[][] {samples});
        INDArray l = encoder.forward(x, null).logits();
        int frames = (int) l.size(1);
        int vocab = (int) l.size(2);
        return new Emissions(l.castTo(DataType.FLOAT).dup('c').data().asFloat(), frames, vocab);
    }

    /** {@code fname} under the audio root, else its last three parts (libri-light {@code <speaker>/<book>/<file>}) there. */
    Path resolveAudio(String fname) {
        Path direct = audioRoot.resolve(fname).normalize();
        if (Files.isRegularFile(direct)) return direct;
        Path p = Path.of(fname);
        int n = p.getNameCount();
        if (n >= 3) {
            Path tail = audioRoot.resolve(p.subpath(n - 3, n));
            if (Files.isRegularFile(tail)) return tail;
        }
        return null;
    }

    private List<WordTiming> skip(String name, Skip why, String message) {
        skipped.merge(why, 1, Integer::sum);
        log.warn("{}: skipped ({}): {}", name, why.label, message);
        return null;
    }

    String summary(double seconds) {
        List<String> parts = new ArrayList<>();
        for (Skip s : Skip.values()) parts.add(skipped.getOrDefault(s, 0) + " " + s.label);
        int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
        return String.format(Locale.ROOT, "align: %d files written, %d existing skipped, %d bad; %d utterances aligned, %d skipped (%s) in %.1f s",
                filesWritten, filesExisting, filesBad, aligned, total, String.join(", ", parts), seconds);
    }
}
