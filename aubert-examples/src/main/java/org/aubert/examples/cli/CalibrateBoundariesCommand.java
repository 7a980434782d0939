package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.data.align.BoundaryCalibration;
import org.aubert.data.align.CalibrationGaps;
import org.aubert.data.align.SilenceEdges;
import org.aubert.data.align.WordBoundaryPlacer;
import org.aubert.data.alignment.AudioLocator;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;

/** {@code aubert calibrate-boundaries}: fits a {@link BoundaryCalibration} of a CTC model to reference word times. */
@Command(name = "calibrate-boundaries", mixinStandardHelpOptions = true,
        description = {"Learns where a CTC model's words really meet inside the gaps between their spikes, from reference word times "
                + "(for align --boundary-calibration).",
                "--alignments: the model's alignment of some audio with its spike times (aubert align --boundaries ctc --spike-times "
                        + "expected, the times energy placement starts from). --reference: the same utterances (same fname) with "
                        + "reference word times (e.g. a hand-checked or synthetic set), in the same time base."})
final class CalibrateBoundariesCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(CalibrateBoundariesCommand.class);

    @Option(names = "--alignments", required = true, description = "Alignment JSON with spike times, or a folder of *.align.json.")
    Path alignments;

    @Option(names = "--reference", required = true, description = "Alignment JSON with reference word times, or a folder of *.align.json.")
    Path reference;

    @Option(names = "--output", required = true, description = "Calibration JSON to write.")
    Path output;

    @Option(names = "--audio-root", description = "Root the utterances' audio is found under: the spike times are then placed in "
            + "their audio as align --boundaries energy does (default options), and the shifts of word edges at a silence are "
            + "fitted too (default: gap shifts only).")
    Path audioRoot;

    @Option(names = "--ridge", defaultValue = "10", description = "Ridge weight on the letter offsets (default: ${DEFAULT-VALUE}; "
            + "chosen by leave-one-speaker-out on the demo's training voices).")
    double ridge;

    @Option(names = "--max-reference-gap-ms", defaultValue = "20", description = "Use word pairs the reference has at most this far "
            + "apart: pauses are placed from the audio's energy, not by calibration (default: ${DEFAULT-VALUE}).")
    double maxReferenceGapMs;

    @Option(names = "--min-gaps", defaultValue = "200", description = "Refuse to fit on fewer usable gaps (default: ${DEFAULT-VALUE}).")
    int minGaps;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(ridge > 0)) throw new IllegalArgumentException("--ridge must be > 0, got " + ridge);
        if (!(maxReferenceGapMs >= 0)) throw new IllegalArgumentException("--max-reference-gap-ms must be >= 0, got " + maxReferenceGapMs);
        if (minGaps < 2) throw new IllegalArgumentException("--min-gaps must be >= 2, got " + minGaps);
        CalibrationGaps data;
        List<Utterance> aligned = utterances(alignments, "--alignments");
        List<Utterance> referenceUtterances = utterances(reference, "--reference");
        try {
            data = CalibrationGaps.collect(aligned, referenceUtterances, maxReferenceGapMs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--alignments " + alignments + " / --reference " + reference + ": " + e.getMessage(), e);
        }
        if (data.gaps().size() < minGaps) {
            throw new IllegalArgumentException("only " + data.gaps().size() + " usable gaps (" + data.pairs() + " word pairs in " + data.utterances()
                    + " utterances: " + data.paused() + " with a reference pause, " + data.unmatched() + " with words the reference lacks); "
                    + "--min-gaps is " + minGaps);
        }
        BoundaryCalibration calibration = BoundaryCalibration.fit(data.gaps(), ridge);
        double midpoint = BoundaryCalibration.midpointError(data.gaps());
        double fitted = calibration.error(data.gaps());
        double crossValidated = BoundaryCalibration.crossValidatedError(data.gaps(), data.speakers(), ridge);
        String silence = "";
        if (audioRoot != null) {
            if (!Files.isDirectory(audioRoot)) throw new IllegalArgumentException("--audio-root " + audioRoot + " is not a folder");
            SilenceEdges edges = SilenceEdges.collect(aligned, referenceUtterances, new AudioLocator(audioRoot),
                    new WordBoundaryPlacer(WordBoundaryPlacer.Options.DEFAULT));
            calibration = calibration.withSilenceShifts(edges.endResiduals(), edges.startResiduals());
            silence = String.format(Locale.ROOT, "; word edges at a silence: ends %+.1f ms (median of %d), starts after a pause %+.1f ms (median of %d)",
                    calibration.silenceEndMs(), edges.endResiduals().length, calibration.silenceStartMs(), edges.startResiduals().length);
        }
        calibration.write(output);
        String summary = String.format(Locale.ROOT, "calibrate-boundaries: %d gaps from %d utterances (%d word pairs, %d with a reference pause, "
                        + "%d with words the reference lacks), %d letter offsets; boundary error at the midpoint %.2f ms, calibrated %.2f ms "
                        + "(fitted) / %s (leave-one-speaker-out)%s; wrote %s",
                data.gaps().size(), data.utterances(), data.pairs(), data.paused(), data.unmatched(), calibration.offsetsMs().size(),
                midpoint, fitted, Double.isNaN(crossValidated) ? "n/a, one speaker" : String.format(Locale.ROOT, "%.2f ms", crossValidated), silence, output);
        log.info(summary);
        spec.commandLine().getOut().println(summary);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<Utterance> utterances(Path path, String option) throws IOException {
        if (!Files.exists(path)) throw new IllegalArgumentException(option + " " + path + " is neither a file nor a folder");
        List<Path> files = AlignmentFile.filesAt(path);
        if (files.isEmpty()) throw new IllegalArgumentException(option + " " + path + " holds no *" + AlignmentFile.SUFFIX + " files");
        List<Utterance> out = new ArrayList<>();
        for (Path f : files) out.addAll(AlignmentFile.read(f).utterances());
        return out;
    }
}
