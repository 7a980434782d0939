package org.aubert.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.data.align.AlignRunner;
import org.aubert.data.align.BoundaryCalibration;
import org.aubert.data.align.WordBoundaryPlacer;
import org.aubert.data.alignment.AlignmentFile;

/** {@code aubert align}: word-level CTC forced alignment of alignment JSON files ({@link AlignRunner}). */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Word-level CTC forced alignment of alignment JSON files (adds \"words\" to each utterance).")
final class AlignCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(AlignCommand.class);

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

    @Mixin
    EmissionWindowOptions windows;

    @Option(names = "--band", defaultValue = "1000", description = "Half-width of the Viterbi search band in label states, 0 = exact (default: ${DEFAULT-VALUE}).")
    int band;

    /** Where word boundaries go: at the CTC character frames, or moved into the audio's energy. */
    enum Boundaries { energy, ctc }

    @Option(names = "--boundaries", defaultValue = "energy", description = "Word boundaries: 'energy' splits each gap between "
            + "words at its pause (a silent run) or its midpoint and widens the outer edges over non-silent audio; 'ctc' keeps the "
            + "frames of the CTC character spikes (default: ${DEFAULT-VALUE}).")
    Boundaries boundaries;

    @Option(names = "--min-pause-ms", defaultValue = "100", description = "With --boundaries energy: shortest silent run between two "
            + "words that counts as a pause (default: ${DEFAULT-VALUE}).")
    double minPauseMs;

    @Option(names = "--silence-fraction", defaultValue = "0.15", description = "With --boundaries energy: silence is below this "
            + "fraction of the way from the utterance's quiet floor to its loud top, in dB (default: ${DEFAULT-VALUE}).")
    double silenceFraction;

    @Option(names = "--phases", defaultValue = "1", description = "Align the audio this many times, each shifted by another "
            + "1/N of a frame, and average the word times: finer than the model's 20 ms frames, and a spike misplaced in one "
            + "phase is outvoted; the model runs N times (default: ${DEFAULT-VALUE}; the demo uses 4).")
    int phases;

    /** Where the energy placement starts from: the best CTC path's frames or the posterior's expected times. */
    enum SpikeTimes { expected, best }

    @Option(names = "--spike-times", description = "Each word's spike times: its expected start and end under the posterior "
            + "over all CTC paths ('expected', fractional frames) or the best path's frames ('best'); with --boundaries energy "
            + "the placement starts from them (default: expected with --boundaries energy, best with ctc).")
    SpikeTimes spikeTimes;

    @Option(names = "--boundary-calibration", description = "With --boundaries energy: a calibration file of this model "
            + "(aubert calibrate-boundaries) that says where inside a gap without a pause two words meet (default: the gap's midpoint).")
    Path boundaryCalibration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(inputDir)) throw new IllegalArgumentException("--input-dir " + inputDir + " is not a folder");
        if (!Files.isDirectory(audioRoot)) throw new IllegalArgumentException("--audio-root " + audioRoot + " is not a folder");
        if (AlignmentFile.list(inputDir).isEmpty()) {
            throw new IllegalArgumentException("--input-dir " + inputDir + " holds no *" + AlignmentFile.SUFFIX + " files");
        }
        WordBoundaryPlacer.Options placement = boundaries == Boundaries.ctc ? null : new WordBoundaryPlacer.Options(silenceFraction,
                minPauseMs, WordBoundaryPlacer.Options.DEFAULT.edgeSearchMs(), WordBoundaryPlacer.Options.DEFAULT.minRangeDb());
        if (phases < 1) throw new IllegalArgumentException("--phases must be >= 1, got " + phases);
        if (boundaryCalibration != null && placement == null) {
            throw new IllegalArgumentException("--boundary-calibration needs --boundaries energy");
        }
        BoundaryCalibration calibration = boundaryCalibration == null ? null : BoundaryCalibration.read(boundaryCalibration);
        SpikeTimes times = spikeTimes != null ? spikeTimes : placement != null ? SpikeTimes.expected : SpikeTimes.best;
        AlignRunner runner = new AlignRunner(model, new AlignRunner.Options(windows.windowSec, windows.overlapSec, band, placement, phases,
                times == SpikeTimes.expected, calibration));
        String summary = runner.run(inputDir, audioRoot, outputDir, overwrite).line();
        log.info(summary);
        spec.commandLine().getOut().println(summary);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
