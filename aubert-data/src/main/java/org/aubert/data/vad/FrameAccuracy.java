package org.aubert.data.vad;

import java.util.List;

/** Agreement of two segmentations on a grid of frames: the measure used to accept {@link EnergyVad}. */
public final class FrameAccuracy {

    private FrameAccuracy() {}

    /**
     * The fraction of {@code hopSec}-long frames in {@code [0, durationSec)} on which both segmentations agree,
     * a frame counting as speech when its centre lies in a segment {@code [start, end)}.
     */
    public static double of(List<VadSegment> truth, List<VadSegment> predicted, double durationSec, double hopSec) {
        int n = (int) Math.floor(durationSec / hopSec);
        if (n <= 0) return 1.0;
        int agree = 0;
        for (int k = 0; k < n; k++) {
            double t = (k + 0.5) * hopSec;
            if (inside(truth, t) == inside(predicted, t)) agree++;
        }
        return agree / (double) n;
    }

    private static boolean inside(List<VadSegment> segs, double t) {
        for (VadSegment s : segs) {
            if (t >= s.startSec() && t < s.endSec()) return true;
        }
        return false;
    }
}
