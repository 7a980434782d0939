package org.aubert.data.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.Audio;
import org.aubert.data.alignment.AudioLocator;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * How far the word edges {@link WordBoundaryPlacer} puts at a silence lie from reference word times: the spike-time
 * alignment placed in its audio, then, per reference word, reference minus placed for each end at a silence (before
 * a pause, or the last word's) and each start after a pause. What {@link BoundaryCalibration#withSilenceShifts} takes.
 *
 * @param endResiduals   reference end minus placed end, ms
 * @param startResiduals reference start minus placed start, ms
 * @param utterances     utterances placed
 */
public record SilenceEdges(double[] endResiduals, double[] startResiduals, int utterances) {

    /**
     * Places every aligned utterance that has a reference (by fname, words paired as in {@link CalibrationGaps}) in
     * its audio, found under {@code audio}; an utterance whose audio is missing is refused by name.
     */
    public static SilenceEdges collect(List<Utterance> aligned, List<Utterance> reference, AudioLocator audio, WordBoundaryPlacer placer)
            throws IOException {
        ReferenceWords ref = new ReferenceWords(reference);
        List<Double> ends = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        int utterances = 0;
        for (Utterance u : aligned) {
            if (!ref.has(u.fname()) || u.words() == null || u.words().isEmpty()) continue;
            Optional<Path> file = audio.find(u.fname());
            if (file.isEmpty()) throw new IOException("no audio for " + u.fname() + " under the audio root (nor any tail of its path)");
            Audio a = AudioReader.readMono(file.get(), true);
            List<AlignedWord> spikes = new ArrayList<>();
            for (WordTiming w : u.words()) {
                spikes.add(new AlignedWord(w.word(), w.charStart(), w.charEnd(), 0, 0, w.startMs(), w.endMs()));
            }
            List<AlignedWord> placed = placer.place(spikes, a.samples(), a.sampleRate());
            utterances++;
            for (int i = 0; i < placed.size(); i++) {
                AlignedWord p = placed.get(i);
                WordTiming t = ref.counterpart(u.fname(), p.charStart(), p.charEnd());
                if (t == null) continue;
                boolean endAtSilence = i + 1 == placed.size() || placed.get(i + 1).startMs() != p.endMs();
                boolean startAfterPause = i > 0 && placed.get(i - 1).endMs() != p.startMs();
                if (endAtSilence) ends.add((double) (t.endMs() - p.endMs()));
                if (startAfterPause) starts.add((double) (t.startMs() - p.startMs()));
            }
        }
        return new SilenceEdges(ends.stream().mapToDouble(Double::doubleValue).toArray(), starts.stream().mapToDouble(Double::doubleValue).toArray(),
                utterances);
    }
}
