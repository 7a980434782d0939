package org.aubert.data.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * The gaps between neighbouring words of a CTC alignment, each with where reference word times put the boundary: the
 * data {@link BoundaryCalibration#fit} learns from.
 *
 * <p>Utterances pair by {@code fname}, words as {@link ReferenceWords} pairs them. A pair of words is used when both are in the reference
 * and the reference has them meet (a gap of at most {@code maxReferenceGapMs}): the placer splits only gaps without a
 * pause by calibration, so pauses would teach it nothing. The CTC alignment must keep the spike times
 * ({@code aubert align --boundaries ctc}), in the same time base as the reference.
 *
 * @param gaps       the usable gaps
 * @param speakers   each gap's speaker, for leave-one-speaker-out evaluation
 * @param utterances utterances found in both inputs
 * @param pairs      neighbouring word pairs in those utterances
 * @param paused     pairs the reference has apart by more than the limit
 * @param unmatched  pairs with a word the reference lacks
 */
public record CalibrationGaps(List<BoundaryCalibration.Gap> gaps, List<String> speakers, int utterances, int pairs, int paused, int unmatched) {

    /** Collects the gaps; refuses inputs that do not pair up or whose word times look already placed. */
    public static CalibrationGaps collect(List<Utterance> aligned, List<Utterance> reference, double maxReferenceGapMs) {
        if (!(maxReferenceGapMs >= 0)) throw new IllegalArgumentException("maxReferenceGapMs must be >= 0, got " + maxReferenceGapMs);
        ReferenceWords ref = new ReferenceWords(reference);
        if (ref.isEmpty()) throw new IllegalArgumentException("the reference holds no utterance with words");
        List<BoundaryCalibration.Gap> gaps = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        int utterances = 0;
        int pairs = 0;
        int paused = 0;
        int unmatched = 0;
        int meeting = 0;
        for (Utterance u : aligned) {
            if (!ref.has(u.fname()) || u.words() == null) continue;
            utterances++;
            List<WordTiming> ws = u.words();
            for (int i = 0; i + 1 < ws.size(); i++) {
                WordTiming a = ws.get(i);
                WordTiming b = ws.get(i + 1);
                pairs++;
                if (a.endMs() == b.startMs()) meeting++;
                WordTiming ra = ref.counterpart(u.fname(), a.charStart(), a.charEnd());
                WordTiming rb = ref.counterpart(u.fname(), b.charStart(), b.charEnd());
                if (ra == null || rb == null) {
                    unmatched++;
                    continue;
                }
                if (rb.startMs() - ra.endMs() > maxReferenceGapMs) {
                    paused++;
                    continue;
                }
                gaps.add(new BoundaryCalibration.Gap(a.word(), b.word(), a.endMs(), b.startMs(), (ra.endMs() + rb.startMs()) / 2.0));
                speakers.add(u.speakerId() == null ? "" : u.speakerId());
            }
        }
        if (utterances == 0) {
            throw new IllegalArgumentException("no aligned utterance has a reference utterance with words of the same fname (e.g. aligned '"
                    + (aligned.isEmpty() ? "-" : aligned.get(0).fname()) + "', reference '" + ref.anyFname() + "')");
        }
        if (pairs > 0 && meeting * 2 > pairs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d of %d neighbouring aligned words meet exactly: these look like "
                    + "placed boundaries; calibrate on the spike times (aubert align --boundaries ctc --spike-times ...)", meeting, pairs));
        }
        return new CalibrationGaps(List.copyOf(gaps), List.copyOf(speakers), utterances, pairs, paused, unmatched);
    }
}
