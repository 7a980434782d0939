package org.aubert.data.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups voice-activity segments into pieces exactly as libri-light's {@code data_preparation/cut_by_vad.py}
 * ({@code cut_sequence}) does, so that cuts made here and by the original pipeline are the same samples:
 * <ul>
 *   <li>a segment {@code [start, end]} is the sample slice {@code [(long) (start * rate), (long) (end * rate))}:
 *       truncation toward zero of the double product, then Python slice rules (a negative index counts from the
 *       end, bounds are clamped to the audio, an upper bound below the lower gives an empty slice);</li>
 *   <li>the gaps between segments are dropped: a piece is its slices concatenated;</li>
 *   <li>before adding a segment, the current piece is closed when it is not empty and its accumulated nominal
 *       length (the sum of {@code end - start} in seconds, not of the clamped slice lengths) plus this segment's
 *       {@code end - start} exceeds the target, so a segment longer than the target stands alone;</li>
 *   <li>the last piece is kept when it holds at least one segment (even an empty slice); pieces are numbered
 *       from 0.</li>
 * </ul>
 * Parity with a Python re-implementation on random lists is checked by {@code VadStitcherParityTest}.
 */
public final class VadStitcher {

    private VadStitcher() {}

    public static List<Piece> plan(List<VadSegment> vad, long totalSamples, int sampleRate, double targetLenSec) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        if (totalSamples < 0) throw new IllegalArgumentException("sample count must be >= 0, got " + totalSamples);
        List<Piece> pieces = new ArrayList<>();
        List<Piece.Run> runs = new ArrayList<>();
        double accumulated = 0.0;
        long pieceLength = 0;
        for (VadSegment s : vad) {
            long lo = pythonIndex((long) (s.startSec() * sampleRate), totalSamples);
            long hi = Math.max(lo, pythonIndex((long) (s.endSec() * sampleRate), totalSamples));
            double length = s.endSec() - s.startSec();
            if (accumulated + length > targetLenSec && accumulated > 0) {
                pieces.add(new Piece(pieces.size(), runs));
                runs = new ArrayList<>();
                accumulated = 0.0;
                pieceLength = 0;
            }
            runs.add(new Piece.Run(pieceLength, lo, hi));
            pieceLength += hi - lo;
            accumulated += length;
        }
        if (!runs.isEmpty()) pieces.add(new Piece(pieces.size(), runs));
        return pieces;
    }

    /** A slice bound as Python normalises it for a sequence of length {@code n} (step 1). */
    static long pythonIndex(long i, long n) {
        if (i < 0) {
            i += n;
            return Math.max(i, 0);
        }
        return Math.min(i, n);
    }
}
